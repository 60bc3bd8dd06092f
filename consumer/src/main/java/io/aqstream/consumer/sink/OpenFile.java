package io.aqstream.consumer.sink;

import io.aqstream.common.processed.ParquetFooter;
import io.aqstream.consumer.parquet.ParquetContract;
import io.aqstream.consumer.parquet.ParquetRowWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;

/**
 * The span of one partition being written: the offsets consumed since the last close-out and the
 * in-progress Parquet file holding their rows. The writer is created at the first row, so a span of
 * rejected messages only never leaves an empty file behind.
 */
final class OpenFile {
    final String topic;
    /** Footer entries naming the topic incarnation the rows come from. */
    private final Map<String, String> source;
    final int partition;
    final long firstOffset;
    final long openedAtNanos;
    long lastOffset;
    long lastRecordNanos;
    long rows;
    LocalDateTime minTimestamp;
    LocalDateTime maxTimestamp;
    Path inProgress;
    ParquetRowWriter writer;

    OpenFile(String topic, Map<String, String> source, int partition, long firstOffset, long nowNanos) {
        this.topic = topic;
        this.source = source;
        this.partition = partition;
        this.firstOffset = firstOffset;
        this.lastOffset = firstOffset;
        this.openedAtNanos = nowNanos;
        this.lastRecordNanos = nowNanos;
    }

    void consumed(long offset, long nowNanos) {
        lastOffset = offset;
        lastRecordNanos = nowNanos;
    }

    void writeRow(GenericRecord row, LocalDateTime timestamp) throws IOException {
        writer.write(row);
        rows++;
        if (minTimestamp == null || timestamp.isBefore(minTimestamp)) {
            minTimestamp = timestamp;
        }
        if (maxTimestamp == null || timestamp.isAfter(maxTimestamp)) {
            maxTimestamp = timestamp;
        }
    }

    long dataSize() {
        return writer == null ? 0 : writer.dataSize();
    }

    /** Footer metadata, read by the writer when it closes (the last offset is final by then). */
    Map<String, String> footer() {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(ParquetFooter.CONTRACT_VERSION, ParquetContract.CONTRACT_VERSION);
        meta.put(ParquetFooter.TOPIC, topic);
        meta.putAll(source);
        meta.put(ParquetFooter.PARTITION, Integer.toString(partition));
        meta.put(ParquetFooter.FIRST_OFFSET, Long.toString(firstOffset));
        meta.put(ParquetFooter.LAST_OFFSET, Long.toString(lastOffset));
        meta.put(ParquetFooter.ROWS, Long.toString(rows));
        return meta;
    }
}
