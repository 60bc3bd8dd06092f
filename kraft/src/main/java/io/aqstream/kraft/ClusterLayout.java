package io.aqstream.kraft;

import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.UserException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Where each node of the local cluster lives: node N (1..size) listens for clients on
 * 127.0.0.1:(base+2N) and for controllers on 127.0.0.1:(base+2N+1), keeps its data in
 * {@code <log.dirs>/nodeN} and its logs in {@code logs/nodeN}. The base is taken from node 1's
 * {@code listeners} in the profile (conf/cluster.properties: 9092/9093, so base 9090), so the profile,
 * or {@code --override listeners=...}, moves the whole cluster. Every node reads the same profile with the
 * user's overrides; the node-specific keys are set here, so the layout is defined once.
 */
public final class ClusterLayout {
    /** The one cluster size supported: replication factor 3 with min ISR 2 survives the loss of one node. */
    public static final int SIZE = 3;

    private final int basePort;
    private final Path configFile;
    private final List<String> overrides;
    private final Path root;

    ClusterLayout(Path configFile, List<String> overrides) {
        this.configFile = configFile;
        this.overrides = List.copyOf(overrides);
        // The profile as written (node 1, user overrides applied): its log.dirs is the cluster's folder, its
        // listeners node 1's ports.
        NodeConfig first = NodeConfig.loadProfile(configFile, this.overrides);
        this.root = first.logDirs().get(0);
        int client = HostPort.parse(first.bootstrapServers()).port();
        if (first.controllerAddress().port() != client + 1 || client + 2 * SIZE > 65535) {
            throw new UserException(ExitCodes.BAD_INPUT, configFile + " (with overrides): listeners="
                    + first.properties().getProperty("listeners") + " is not usable for the cluster; expected node 1's"
                    + " client port P and controller port P+1 (nodes 2 and 3 take the next ones), e.g."
                    + " listeners=PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093.");
        }
        this.basePort = client - 2;
    }

    /** The cluster as the profile {@code clusterProperties} places it, with no overrides (bin/pipeline). */
    public static ClusterLayout of(Path clusterProperties) {
        return new ClusterLayout(clusterProperties, List.of());
    }

    public int size() {
        return SIZE;
    }

    public int clientPort(int node) {
        return basePort + 2 * node;
    }

    public int controllerPort(int node) {
        return basePort + 2 * node + 1;
    }

    /** {@code 127.0.0.1:9092,127.0.0.1:9094,127.0.0.1:9096}: what clients are given. */
    public String bootstrapServers() {
        StringJoiner list = new StringJoiner(",");
        for (int n = 1; n <= SIZE; n++) {
            list.add("127.0.0.1:" + clientPort(n));
        }
        return list.toString();
    }

    private String quorumBootstrapServers() {
        StringJoiner list = new StringJoiner(",");
        for (int n = 1; n <= SIZE; n++) {
            list.add("127.0.0.1:" + controllerPort(n));
        }
        return list.toString();
    }

    /** The cluster's folder: one sub-folder per node, and the bootstrap file while it runs. */
    public Path root() {
        return root;
    }

    public Path nodeDataDir(int node) {
        return root.resolve("node" + node);
    }

    /** The profile with the user's overrides, then node N's own settings. */
    List<String> nodeOverrides(int node) {
        List<String> all = new ArrayList<>(overrides);
        all.add("node.id=" + node);
        all.add("listeners=PLAINTEXT://127.0.0.1:" + clientPort(node) + ",CONTROLLER://127.0.0.1:" + controllerPort(node));
        all.add("controller.quorum.bootstrap.servers=" + quorumBootstrapServers());
        all.add("log.dirs=" + nodeDataDir(node));
        return all;
    }

    public NodeConfig nodeConfig(int node) {
        return NodeConfig.load(configFile, nodeOverrides(node));
    }

    public List<NodeConfig> nodeConfigs() {
        List<NodeConfig> all = new ArrayList<>();
        for (int n = 1; n <= SIZE; n++) {
            all.add(nodeConfig(n));
        }
        return all;
    }

    /** {@code --node N} and the options that select this cluster, for a node's own JVM. */
    List<String> nodeArgs(int node) {
        List<String> args = new ArrayList<>(List.of("--node", Integer.toString(node), "--config", configFile.toString()));
        for (String o : overrides) {
            args.add("--override");
            args.add(o);
        }
        return args;
    }

    /**
     * {@code id@host:port:directoryId} of every node, as {@code kafka-storage format --initial-controllers}
     * takes them: every node is formatted with the same list, so all three start as the voters.
     */
    String initialControllers(List<String> directoryIds) {
        StringJoiner list = new StringJoiner(",");
        for (int n = 1; n <= SIZE; n++) {
            list.add(n + "@127.0.0.1:" + controllerPort(n) + ":" + directoryIds.get(n - 1));
        }
        return list.toString();
    }
}
