package io.aqstream.common;

import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/** The consumer settings every reader of the pipeline's topics shares (bin/consume, aq-admin, the producer's checkpoint reader). */
public final class ReadCommitted {
    private ReadCommitted() {
    }

    /**
     * {@code client} plus: only committed transactions ({@code read_committed}: rows of an aborted or
     * still-open producer transaction are never seen) and no automatic offset commits (each reader
     * commits itself, or never). {@code clientId} applies unless {@code client} names one.
     */
    public static Properties consumerProperties(Properties client, String clientId) {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        return p;
    }
}
