package io.aqstream.producer.bench;

import io.aqstream.common.AirQualityReading;
import io.aqstream.common.MessageHeaders;
import io.aqstream.common.ReadingJson;
import io.aqstream.producer.csv.InputFile;
import io.aqstream.producer.csv.LineReader;
import io.aqstream.producer.csv.UciFormat;
import io.aqstream.producer.csv.UciRowParser;
import io.aqstream.producer.replay.KafkaSetup;
import io.aqstream.producer.replay.LineFingerprint;
import io.aqstream.producer.replay.ProducerSettings;
import io.aqstream.producer.replay.ReplayCheckpoint;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
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
 *       id): Kafka's default batching (batch.size 16 KB, linger.ms 5);
 *   <li>{@code checkpoint}: the user's loop plus what bin/produce's exactly-once contract adds to every
 *       transaction: one checkpoint record (a {@link ReplayCheckpoint}, as bin/produce writes it) to a
 *       compacted topic of one partition, so each transaction spans a second partition. Its rate against the
 *       user's loop is what the checkpoint costs, measured rather than guessed.
 * </ul>
 *
 * <p>Args: CSV BOOTSTRAP TOPIC BATCH [same|user|checkpoint]. Prints {@code records/s: N}, {@code open ms per
 * transaction: X} and {@code commit ms per transaction: Y}.
 */
public final class PlainLoop {
    public static void main(String[] args) throws Exception {
        Path csv = Path.of(args[0]);
        String topic = args[2];
        int batch = Integer.parseInt(args[3]);
        String style = args.length > 4 ? args[4] : "same";
        boolean checkpoints = style.equals("checkpoint");
        boolean user = style.equals("user") || checkpoints;
        List<ProducerRecord<byte[], byte[]>> records = prebuild(csv, topic, !user);
        Properties client = new Properties();
        client.put("bootstrap.servers", args[1]);
        Properties settings = user ? userSettings(client, topic) : ProducerSettings.forReplay(client, topic, "gzip", 1);
        String checkpointTopic = topic + "-checkpoints";
        if (checkpoints) {
            try (Admin admin = Admin.create(client)) {
                KafkaSetup.ensureTopics(admin, args[1], List.of(checkpointTopic), checkpointTopic);
            }
        }
        byte[] checkpointKey = topic.getBytes(StandardCharsets.UTF_8);
        String fingerprint = new LineFingerprint().snapshot(); // the length of a real one: 64 hex digits
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
                    if (checkpoints) {
                        p.send(checkpoint(checkpointTopic, checkpointKey, fingerprint, transactions * batch + inTxn, topic));
                    }
                    long t = System.nanoTime();
                    p.commitTransaction();
                    openNanos += t - began;
                    commitNanos += System.nanoTime() - t;
                    transactions++;
                    inTxn = 0;
                }
            }
            if (inTxn > 0) {
                if (checkpoints) {
                    p.send(checkpoint(checkpointTopic, checkpointKey, fingerprint, transactions * batch + inTxn, topic));
                }
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

    /** The checkpoint record bin/produce sends with every transaction (its key and value, built as it builds them). */
    private static ProducerRecord<byte[], byte[]> checkpoint(String checkpointTopic, byte[] key, String fingerprint,
            long rows, String topic) {
        return new ProducerRecord<>(checkpointTopic, key, new ReplayCheckpoint(rows + 1, fingerprint, false, rows, 0, 0,
                "bench.csv", "bench", topic).toJson(topic));
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
