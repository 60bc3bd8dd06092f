package io.aqstream.common.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Whether a broker accepts a TCP connection now. Kafka's metadata cannot be trusted for that while the
 * controllers have no majority: nobody fences the brokers that died, so they stay listed as alive.
 */
public final class BrokerProbe {
    private static final int CONNECT_TIMEOUT_MS = 1000;

    private BrokerProbe() {
    }

    public static boolean accepts(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
