package io.aqstream.kraft;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * Each node of the cluster logs into its own folder, {@code logs/nodeN}: three brokers writing one
 * server.log would interleave beyond reading. Chosen from the arguments before anything logs, since
 * Log4j reads {@code aq.logs.dir} when it initialises.
 */
final class NodeLogs {
    private NodeLogs() {
    }

    static void select(List<String> args) {
        String node = null;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--node") && i + 1 < args.size()) {
                node = args.get(i + 1);
            } else if (args.get(i).startsWith("--node=")) {
                node = args.get(i).substring("--node=".length());
            }
        }
        if (node == null || !node.matches("[1-9]")) {
            return; // not a cluster node, or an invalid value that the command line parser reports
        }
        Path logs = Paths.get(System.getProperty("aq.logs.dir", "logs"));
        String folder = "node" + node;
        // A node started by --daemon or by the cluster's launcher inherits its parent's folder, maybe already its own.
        if (logs.getFileName() == null || !logs.getFileName().toString().equals(folder)) {
            System.setProperty("aq.logs.dir", logs.resolve(folder).toString());
        }
    }
}
