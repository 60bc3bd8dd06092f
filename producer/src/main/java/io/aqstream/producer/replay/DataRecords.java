package io.aqstream.producer.replay;

import io.aqstream.common.MessageHeaders;
import io.aqstream.common.ReadingJson;
import io.aqstream.common.format.FormatField;
import io.aqstream.common.format.FormatRow;
import io.aqstream.common.format.RowJson;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The Kafka record of one parsed row, as the message contract has it: the station as key, the row's JSON
 * ({@link RowJson}'s bytes, written by {@link RowJsonWriter}) as value, and the lineage headers (source file, source line, schema version).
 *
 * <p>Not thread-safe: one per thread that builds records (the replay's reader thread).
 */
final class DataRecords {
    private final String topic;
    private final RowJsonWriter json;
    /** The key when the station is the file name; {@code null} when each row names its station. */
    private final byte[] stationKey;
    /**
     * The lineage header values that are the same on every row, encoded once: Kafka's producer only reads a
     * header's bytes, so every record can carry the same arrays.
     */
    private final byte[] sourceFileHeader;
    private final byte[] schemaVersionHeader = MessageHeaders.utf8(ReadingJson.SCHEMA_VERSION);

    /** @param fileStation the station of every row when the format has no station column, else {@code null} */
    DataRecords(String topic, List<FormatField> fields, String fileStation, String fileName) {
        this.topic = topic;
        this.json = new RowJsonWriter(fields);
        this.stationKey = fileStation == null ? null : fileStation.getBytes(StandardCharsets.UTF_8);
        this.sourceFileHeader = MessageHeaders.utf8(fileName);
    }

    ProducerRecord<byte[], byte[]> record(FormatRow row, long line) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(MessageHeaders.SOURCE_FILE, sourceFileHeader);
        headers.add(MessageHeaders.SOURCE_LINE, MessageHeaders.utf8(Long.toString(line)));
        headers.add(MessageHeaders.SCHEMA_VERSION, schemaVersionHeader);
        byte[] key = stationKey != null ? stationKey : row.station().getBytes(StandardCharsets.UTF_8);
        return new ProducerRecord<>(topic, null, key, json.toJson(row), headers);
    }
}
