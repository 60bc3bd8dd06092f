package io.aqstream.kraft;

import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.UserException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;

/**
 * Checks, before the broker starts, that every listener port can be bound, and names the process
 * that holds a busy one. The broker would otherwise fail half-way through its start-up with a stack
 * trace.
 */
public final class PortCheck {
    private PortCheck() {
    }

    public static void checkFree(NodeConfig config) {
        for (Map.Entry<String, HostPort> listener : config.listeners().entrySet()) {
            HostPort hp = listener.getValue();
            if (hp.port() == 0) {
                continue;
            }
            if (!canBind(hp)) {
                throw busy(config, listener.getKey(), hp);
            }
        }
    }

    static boolean canBind(HostPort hp) {
        try (ServerSocket socket = new ServerSocket()) {
            // Same option as Kafka's acceptor, so a port left in TIME_WAIT by a stopped node counts as free.
            socket.setReuseAddress(true);
            InetSocketAddress address = hp.host().isEmpty()
                    ? new InetSocketAddress(hp.port())
                    : new InetSocketAddress(InetAddress.getByName(hp.host()), hp.port());
            socket.bind(address);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static UserException busy(NodeConfig config, String listenerName, HostPort hp) {
        String who = PortOwners.describeOwner(hp.port());
        int clientPort = config.listeners().values().stream().filter(h -> h != config.controllerAddress())
                .mapToInt(HostPort::port).findFirst().orElse(9092);
        int altClient = clientPort + 10000 > 65535 ? 19092 : clientPort + 10000;
        int altController = altClient + 1;
        return new UserException(ExitCodes.ENVIRONMENT, "port " + hp.port() + " (listener " + listenerName + "="
                + hp + " in " + config.file().getFileName() + ") is already in use" + who
                + ". Stop that program (bin/stop-kraft if it is an aq-stream node), or start on other ports:"
                + " --override listeners=PLAINTEXT://127.0.0.1:" + altClient + ",CONTROLLER://127.0.0.1:" + altController
                + " --override controller.quorum.bootstrap.servers=127.0.0.1:" + altController);
    }
}
