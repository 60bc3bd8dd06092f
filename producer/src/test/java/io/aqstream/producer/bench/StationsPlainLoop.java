package io.aqstream.producer.bench;

import io.aqstream.common.MessageHeaders;
import io.aqstream.common.ReadingJson;
import io.aqstream.common.format.FormatProfile;
import io.aqstream.common.format.FormatProfiles;
import io.aqstream.common.format.FormatRow;
import io.aqstream.common.format.RowJson;
import io.aqstream.producer.csv.InputFile;
import io.aqstream.producer.csv.InputFiles;
import io.aqstream.producer.csv.LineReader;
import io.aqstream.producer.csv.ProfileRowParser;
import io.aqstream.producer.replay.ProducerSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The many-stations replay's baseline: one plain transactional {@code KafkaProducer} loop, with the replay's
 * producer settings, sending exactly the records bin/produce DIR sends for every file of a folder (built in
 * memory first; only begin / send x batch / commit is timed), one transaction after the other.
 *
 * <p>Args: DIR FORMAT BOOTSTRAP TOPIC BATCH. Prints {@code records/s: N}.
 */
public final class StationsPlainLoop {
    public static void main(String[] args) throws Exception {
        FormatProfile format = FormatProfiles.ofProject().byNameOrFile(args[1]);
        String topic = args[3];
        int batch = Integer.parseInt(args[4]);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (Path file : InputFiles.expand(List.of(Path.of(args[0])))) {
            prebuild(file, format, topic, records);
        }
        Properties client = new Properties();
        client.put("bootstrap.servers", args[2]);
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(ProducerSettings.forReplay(client, topic, "gzip", 1),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            p.initTransactions();
            long start = System.nanoTime();
            int inTxn = 0;
            for (ProducerRecord<byte[], byte[]> r : records) {
                if (inTxn == 0) {
                    p.beginTransaction();
                }
                p.send(r);
                if (++inTxn == batch) {
                    p.commitTransaction();
                    inTxn = 0;
                }
            }
            if (inTxn > 0) {
                p.commitTransaction();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.println(String.format(Locale.ROOT, "records: %d%nrecords/s: %.0f", records.size(),
                    records.size() / seconds));
        }
    }

    private static void prebuild(Path csv, FormatProfile format, String topic, List<ProducerRecord<byte[], byte[]>> out)
            throws Exception {
        ProfileRowParser parser = new ProfileRowParser(format, "bench");
        String fileName = csv.getFileName().toString();
        try (LineReader lines = InputFile.open(csv)) {
            lines.next();
            String line;
            while ((line = lines.next()) != null) {
                FormatRow r = parser.parse(line);
                if (r == null) {
                    continue;
                }
                RecordHeaders h = new RecordHeaders();
                h.add(MessageHeaders.SOURCE_FILE, MessageHeaders.utf8(fileName));
                h.add(MessageHeaders.SOURCE_LINE, MessageHeaders.utf8(Long.toString(lines.lineNumber())));
                h.add(MessageHeaders.SCHEMA_VERSION, MessageHeaders.utf8(ReadingJson.SCHEMA_VERSION));
                out.add(new ProducerRecord<>(topic, null, r.station().getBytes(StandardCharsets.UTF_8),
                        RowJson.toJson(format.fields(), r), h));
            }
        }
    }
}
