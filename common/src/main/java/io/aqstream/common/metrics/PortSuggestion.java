package io.aqstream.common.metrics;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A port to suggest when the asked one is taken: the next one above it that is free right now and is not
 * one of Kafka's. (Plain "port + 1" suggested 9093 for a busy 9092: the node's controller port.)
 */
final class PortSuggestion {
    /**
     * The node's client and controller ports (listeners in conf/server.properties): free while the node is
     * stopped, so a bind test alone would suggest them, and taken again once it starts.
     */
    private static final Set<Integer> KAFKA_PORTS = Set.of(9092, 9093);
    /** How far above the taken port to look; a crowded machine gets "choose another port" instead. */
    private static final int SEARCH = 100;

    private PortSuggestion() {
    }

    /** A free port above {@code taken} (wrapping to 1024 after 65535), or empty if none nearby is free. */
    static OptionalInt near(int taken) {
        for (int i = 1; i <= SEARCH; i++) {
            int port = taken + i > 65535 ? 1023 + (taken + i - 65535) : taken + i;
            if (!KAFKA_PORTS.contains(port) && isFree(port)) {
                return OptionalInt.of(port);
            }
        }
        return OptionalInt.empty();
    }

    private static boolean isFree(int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getByName(MetricsServer.HOST), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
