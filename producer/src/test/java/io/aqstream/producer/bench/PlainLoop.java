package io.aqstream.producer.bench;

import io.aqstream.common.AirQualityReading;
import io.aqstream.common.MessageHeaders;
import io.aqstream.common.ReadingJson;
import io.aqstream.producer.csv.InputFile;
import io.aqstream.producer.csv.LineReader;
import io.aqstream.producer.csv.UciFormat;
import io.aqstream.producer.csv.UciRowParser;
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
 * The benchmark's baselines, run in a fresh JVM like bin/produce so both pay the same JIT warm-up of the
 * Kafka client: builds the records in memory first, then times only begin / send x batch / commit.
 * Two styles:
 * <ul>
 *   <li>{@code same} (default): exactly the records bin/produce sends (same key, value, headers) with the
 *       replay's producer settings ({@link ProducerSettings});
 *   <li>{@code user}: the loop as a user would write it: the same key and value, no headers, and the
 *       producer's defaults but for what the contract needs (acks=all, idempotence, gzip, a transactional
 *       id): Kafka's default batching (batch.size 16 KB, linger.ms 5).
 * </ul>
 *
 * <p>Args: CSV BOOTSTRAP TOPIC BATCH [same|user]. Prints {@code records/s: N}, {@code open ms per
 * transaction: X} and {@code commit ms per transaction: Y}.
 */
public final class PlainLoop {
    public static void main(String[] args) throws Exception {
        Path csv = Path.of(args[0]);
        String topic = args[2];
        int batch = Integer.parseInt(args[3]);
        boolean user = args.length > 4 && args[4].equals("user");
        List<ProducerRecord<byte[], byte[]>> records = prebuild(csv, topic, !user);
        Properties client = new Properties();
        client.put("bootstrap.servers", args[1]);
        Properties settings = user ? userSettings(client, topic) : ProducerSettings.forReplay(client, topic, "gzip", 1);
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(settings, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            p.initTransactions();
            // Besides the rate, the mean time a transaction stays open (begin to just before commit) and
            // the mean commit: bench/producer sets ProducerPerformance's time-based transactions from them.
            long openNanos = 0;
            long commitNanos = 0;
            long transactions = 0;
            long start = System.nanoTime();
            long began = 0;
            int inTxn = 0;
            for (ProducerRecord<byte[], byte[]> r : records) {
                if (inTxn == 0) {
                    p.beginTransaction();
                    began = System.nanoTime();
                }
                p.send(r);
                if (++inTxn == batch) {
                    long t = System.nanoTime();
                    p.commitTransaction();
                    openNanos += t - began;
                    commitNanos += System.nanoTime() - t;
                    transactions++;
                    inTxn = 0;
                }
            }
            if (inTxn > 0) {
                long t = System.nanoTime();
                p.commitTransaction();
                openNanos += t - began;
                commitNanos += System.nanoTime() - t;
                transactions++;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.println(String.format(Locale.ROOT, "records/s: %.0f", records.size() / seconds));
            System.out.println(String.format(Locale.ROOT, "open ms per transaction: %.3f",
                    openNanos / 1e6 / Math.max(1, transactions)));
            System.out.println(String.format(Locale.ROOT, "commit ms per transaction: %.3f",
                    commitNanos / 1e6 / Math.max(1, transactions)));
        }
    }

    /** What a user writes: the contract's guarantees, everything else Kafka's default. */
    static Properties userSettings(Properties client, String transactionalId) {
        Properties p = new Properties();
        p.putAll(client);
        p.put("acks", "all");
        p.put("enable.idempotence", "true");
        p.put("compression.type", "gzip");
        p.put("transactional.id", transactionalId);
        return p;
    }

    static List<ProducerRecord<byte[], byte[]>> prebuild(Path csv, String topic, boolean headers) throws Exception {
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
        UciRowParser parser = new UciRowParser("bench");
        byte[] key = "bench".getBytes(StandardCharsets.UTF_8);
        String fileName = csv.getFileName().toString();
        try (LineReader lines = InputFile.open(csv)) {
            lines.next();
            String line;
            while ((line = lines.next()) != null) {
                if (UciFormat.isEmptyRow(line)) {
                    continue;
                }
                AirQualityReading r = parser.parse(line);
                RecordHeaders h = new RecordHeaders();
                if (headers) {
                    h.add(MessageHeaders.SOURCE_FILE, MessageHeaders.utf8(fileName));
                    h.add(MessageHeaders.SOURCE_LINE, MessageHeaders.utf8(Long.toString(lines.lineNumber())));
                    h.add(MessageHeaders.SCHEMA_VERSION, MessageHeaders.utf8(ReadingJson.SCHEMA_VERSION));
                }
                out.add(new ProducerRecord<>(topic, null, key, ReadingJson.toJson(r), h));
            }
        }
        return out;
    }
}
