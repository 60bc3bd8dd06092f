package io.aqstream.kraft;

import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.UserException;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** --nodes and --node, shared by start-kraft, stop-kraft and reset-kraft: which nodes of the local cluster. */
public final class ClusterOptions {
    @Option(names = "--nodes", paramLabel = "N",
            description = "1: the single node of conf/server.properties (the default); 3: the local cluster of three"
                    + " nodes from conf/cluster.properties, on ports 9092/9093, 9094/9095 and 9096/9097 (node 1's"
                    + " listeners there, or --override listeners=..., move all three).")
    Integer nodes;

    @Option(names = "--node", paramLabel = "N",
            description = "Only node N (1, 2 or 3) of the local cluster, on its own data: to stop one and bring it back.")
    Integer node;

    /** True when the command is about the cluster (or one of its nodes) rather than the single node. */
    public boolean cluster() {
        check();
        return node != null || (nodes != null && nodes == ClusterLayout.SIZE);
    }

    /** The node chosen with --node, if any. */
    public Optional<Integer> node() {
        return Optional.ofNullable(node);
    }

    /** The cluster these options name; {@code --config} defaults to conf/cluster.properties. */
    public ClusterLayout layout(ConfigOptions config) {
        check();
        return new ClusterLayout(config.configFile("cluster.properties"), config.overrides);
    }

    /**
     * The project's own cluster as conf/cluster.properties places it, without the command's --override
     * values: those describe the single node when --nodes 3 / --node are not given (e.g. its ports), and
     * would misplace the cluster.
     */
    public ClusterLayout projectCluster(ConfigOptions config) {
        check();
        return new ClusterLayout(config.configFile("cluster.properties"), List.of());
    }

    private void check() {
        if (nodes != null && nodes != 1 && nodes != ClusterLayout.SIZE) {
            throw new UserException(ExitCodes.USAGE, "--nodes " + nodes + ": aq-stream runs one node (--nodes 1, the"
                    + " default) or a local cluster of three (--nodes 3).");
        }
        if (node != null && (node < 1 || node > ClusterLayout.SIZE)) {
            throw new UserException(ExitCodes.USAGE, "--node " + node + ": the local cluster has nodes 1, 2 and 3.");
        }
        if (node != null && nodes != null && nodes == 1) {
            throw new UserException(ExitCodes.USAGE, "--node " + node + " names a node of the cluster, but --nodes 1"
                    + " the single node: give one of them.");
        }
    }
}
