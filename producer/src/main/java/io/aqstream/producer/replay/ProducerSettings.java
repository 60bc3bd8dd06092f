package io.aqstream.producer.replay;

import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The producer configuration of a replay, in one place, so the benchmark's plain {@code KafkaProducer}
 * loop runs with exactly the same settings.
 */
public final class ProducerSettings {
    /** A transaction left open by a killed producer holds read_committed readers back this long at most. */
    public static final int TRANSACTION_TIMEOUT_MS = 60_000;
    /**
     * What the send buffers of all the producers of one process may hold together: a quarter of bin/produce's
     * 256 MB heap. One replay keeps Kafka's 32 MB default; 30 stations at {@code --speed max --batch-size
     * 10000} each filled theirs (30 x 32 MB) and ran the process out of memory.
     */
    static final long PROCESS_BUFFER_BYTES = 64L << 20;
    private static final int BATCH_BYTES = 128 * 1024;
    /**
     * gzip's level unless {@code --command-config} sets {@code compression.gzip.level}: 1, zlib's fastest,
     * instead of Kafka's default 6. Profiled at full speed, zlib's deflate was 60% of the sending thread's CPU
     * (that thread is the replay's bottleneck); at level 1 the replay ran about 1.4 times as fast on a million
     * rows and its log took about a third more disk (docs/benchmarks.md, "Producer: gzip's level").
     */
    static final String GZIP_LEVEL = "1";

    private ProducerSettings() {
    }

    /**
     * @param producersInProcess how many replays this process runs at once, each with its own producer: they
     *     share {@link #PROCESS_BUFFER_BYTES} (a full buffer makes {@code send} wait, it loses nothing)
     */
    public static Properties forReplay(Properties clientProps, String transactionalId, String compression,
            int producersInProcess) {
        Properties p = new Properties();
        p.putAll(clientProps);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        p.putIfAbsent(ProducerConfig.COMPRESSION_GZIP_LEVEL_CONFIG, GZIP_LEVEL);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        p.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, String.valueOf(TRANSACTION_TIMEOUT_MS));
        // Larger batches than the 16 KB default: rows are ~350 bytes and compress well, and a transaction
        // is flushed at commit anyway, so lingering never delays a commit.
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(BATCH_BYTES));
        p.putIfAbsent(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(bufferBytes(producersInProcess)));
        p.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        p.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "aq-produce");
        return p;
    }

    /** Each producer's share of the process's buffer: at most Kafka's 32 MB default, at least 4 batches. */
    static long bufferBytes(int producersInProcess) {
        return Math.max(4L * BATCH_BYTES, Math.min(32L << 20, PROCESS_BUFFER_BYTES / Math.max(1, producersInProcess)));
    }
}
