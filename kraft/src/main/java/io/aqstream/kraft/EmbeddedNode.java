package io.aqstream.kraft;

import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.UserException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.utils.Time;

/** Kafka's own KRaft server (broker + controller) in this JVM, built from the node's configuration. */
final class EmbeddedNode {
    private final KafkaRaftServer server;

    private EmbeddedNode(KafkaRaftServer server) {
        this.server = server;
    }

    /** Opens the (already formatted) storage with the configuration validated as Kafka does. */
    static EmbeddedNode create(NodeConfig config) {
        return new EmbeddedNode(new KafkaRaftServer(validate(config), Time.SYSTEM));
    }

    /** Kafka's own validation of every setting, run before anything is formatted or started. */
    static KafkaConfig validate(NodeConfig config) {
        try {
            return KafkaConfig.fromProps(config.properties(), false);
        } catch (ConfigException | IllegalArgumentException e) {
            throw new UserException(ExitCodes.BAD_INPUT, config.file() + " (with overrides): " + e.getMessage()
                    + ". Fix that setting in the file or in --override.", e);
        }
    }

    /** Returns once the controller leads the quorum and the broker is registered and unfenced. */
    void startup() {
        server.startup();
    }

    void shutdown() {
        server.shutdown();
    }

    void awaitShutdown() {
        server.awaitShutdown();
    }
}
