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

    private ProducerSettings() {
    }

    public static Properties forReplay(Properties clientProps, String transactionalId, String compression) {
        Properties p = new Properties();
        p.putAll(clientProps);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        p.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, String.valueOf(TRANSACTION_TIMEOUT_MS));
        // Larger batches than the 16 KB default: rows are ~350 bytes and compress well, and a transaction
        // is flushed at commit anyway, so lingering never delays a commit.
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(128 * 1024));
        p.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        p.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "aq-produce");
        return p;
    }
}
