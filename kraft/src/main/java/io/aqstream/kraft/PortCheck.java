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
        HostPort busy = firstBusy(config);
        if (busy != null) {
            throw busy(config, listenerName(config, busy), busy);
        }
    }

    /**
     * The same check for node {@code node} of the local cluster, whose ports follow from node 1's in the profile
     * (the launcher sets each node's listeners and quorum addresses, so a per-node override would be ignored):
     * the hint names the node and moves the whole cluster.
     */
    static void checkFree(NodeConfig config, ClusterLayout layout, int node) {
        HostPort hp = firstBusy(config);
        if (hp == null) {
            return;
        }
        String role = hp.port() == layout.controllerPort(node) ? "controller" : "client";
        int altClient = layout.clientPort(1) + 10000 + 2 * ClusterLayout.SIZE + 1 > 65535 ? 19092 : layout.clientPort(1) + 10000;
        String move = "set listeners=PLAINTEXT://127.0.0.1:" + altClient + ",CONTROLLER://127.0.0.1:" + (altClient + 1)
                + " in " + config.file() + " (node 1; nodes 2 and 3 take the next four ports, " + (altClient + 2) + "-"
                + (altClient + 2 * ClusterLayout.SIZE - 1) + ")";
        // A formatted cluster's voters are recorded with their controller ports: it cannot move, only start afresh.
        String fix = Storage.isFormatted(config)
                ? " or, to move the cluster, delete its data with bin/reset-kraft --nodes 3 (its voters are recorded"
                        + " with these ports), " + move + " and start it again with bin/start-kraft --nodes 3."
                : " or move the whole cluster: " + move + ", then bin/start-kraft --nodes 3 again.";
        throw new UserException(ExitCodes.ENVIRONMENT, "port " + hp.port() + " (node " + node + "'s " + role
                + " listener in the local cluster, placed by node 1's listeners in " + config.file().getFileName()
                + ") is already in use" + PortOwners.describeOwner(hp.port()) + ". Stop that program (bin/stop-kraft if it"
                + " is an aq-stream node)," + fix);
    }

    private static HostPort firstBusy(NodeConfig config) {
        for (HostPort hp : config.listeners().values()) {
            if (hp.port() != 0 && !canBind(hp)) {
                return hp;
            }
        }
        return null;
    }

    private static String listenerName(NodeConfig config, HostPort hp) {
        return config.listeners().entrySet().stream().filter(e -> e.getValue() == hp).map(Map.Entry::getKey)
                .findFirst().orElseThrow();
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
