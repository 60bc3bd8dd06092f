package io.aqstream.kraft;

import io.aqstream.common.cli.VerboseOption;
import io.aqstream.common.cli.CommandRunner;
import io.aqstream.common.cli.ExitCodeHelp;
import io.aqstream.common.cli.ExitCodeList;
import io.aqstream.common.cli.ExitCodeList.Code;
import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.UserException;
import io.aqstream.common.metrics.MetricsOption;
import io.aqstream.common.metrics.MetricsServer;
import io.aqstream.kraft.secure.SecureNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** bin/start-kraft: one Kafka 4.4 KRaft node (broker + controller) for this project. */
@Command(name = "start-kraft", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Starts one Kafka 4.4 node in KRaft mode (broker and controller in one process) from"
                    + " conf/server.properties: formats its storage the first time (the cluster id is kept from then on),"
                    + " creates the topics of conf/topics.conf that are missing, and prints one ready line with the"
                    + " bootstrap address and cluster id.",
            "In the foreground by default: Ctrl-C stops it cleanly. With --daemon it returns once the node is"
                    + " ready; stop it with bin/stop-kraft. The broker's log is logs/server.log.",
            "With --nodes 3: a local cluster of three such nodes from conf/cluster.properties (replication factor 3,"
                    + " min.insync.replicas 2), clients on 127.0.0.1:9092, 9094 and 9096, logs in logs/node1 to node3;"
                    + " --node N starts one of them again on its data.",
            "Environment: KAFKA_HEAP_OPTS or AQ_HEAP_OPTS (default -Xmx512m; cluster nodes:"
                    + " conf/jvm/cluster-node.options), KAFKA_OPTS or AQ_JAVA_OPTS."},
        modelTransformer = ExitCodeHelp.class)
@ExitCodeList({
    @Code(value = ExitCodes.OK, meaning = "Stopped cleanly; with --daemon: the node is ready and runs in the background."),
    @Code(value = ExitCodes.FAILURE, meaning = "The node failed to start or stopped on a fatal error; details in"
            + " logs/server.log."),
    @Code(value = ExitCodes.USAGE, meaning = "Invalid command line (unknown option, --override without '=')."),
    @Code(value = ExitCodes.BAD_INPUT, meaning = "Unusable configuration: server.properties or topics.conf invalid, or"
            + " the storage was formatted for another node.id."),
    @Code(value = ExitCodes.KAFKA_UNAVAILABLE, meaning = "The node started but did not answer the topic requests."),
    @Code(value = ExitCodes.ENVIRONMENT, meaning = "Environment: port 9092/9093 (or the --metrics-port) in use, a node"
            + " already running on this data dir, data dir not writable, Java older than 17."),
    @Code(value = ExitCodes.INTERRUPTED, meaning = "Stopped with Ctrl-C (clean shutdown); 143: stopped by"
            + " bin/stop-kraft (SIGTERM, clean shutdown)."),
})
public final class StartKraft implements Callable<Integer> {
    /** -v: applied by bin/lib/aq.sh at JVM start; declared here for --help and parsing. */
    @Mixin
    VerboseOption verbose = new VerboseOption();

    @Mixin
    ConfigOptions configOptions = new ConfigOptions();

    @Mixin
    ClusterOptions clusterOptions = new ClusterOptions();

    @Option(names = "--topics", paramLabel = "FILE",
            description = "Topics to create when missing. Default: topics.conf beside the configuration file.")
    Path topicsFile;

    @Option(names = "--daemon", description = "Run in the background: return once the node is ready, with its pid"
            + " in the data dir (used by bin/stop-kraft) and its output in logs/server.out.")
    boolean daemon;

    @Option(names = "--secure", description = "The secure profile (docs/security.md): clients connect with TLS and a"
            + " SCRAM-SHA-512 user on the client port, an authorizer allows each role only what it needs. The first"
            + " start makes a CA, the node's certificate, the users and their random passwords; data/secure/ then holds"
            + " per role the client settings for --command-config (ROLE.properties), for kcat -F and Python"
            + " (ROLE.librdkafka.conf), and ca.pem. Storage formatted with --secure must always be started with it.")
    boolean secure;

    @Option(names = "--secure-dir", paramLabel = "DIR", hidden = true,
            description = "Where the secure profile keeps its files. Default: data/secure of the project.")
    Path secureDir;

    @Mixin
    MetricsOption metrics = new MetricsOption();

    @Option(names = "--ready-file", paramLabel = "FILE", hidden = true,
            description = "Written once the node is ready (for the process that started it).")
    Path readyFile;

    @Option(names = "--stop-with-parent", paramLabel = "PID", hidden = true,
            description = "Stop cleanly when process PID ends (test fixtures: no node outlives a killed test JVM).")
    Long parentPid;

    @Spec
    CommandSpec spec;

    /** The JVM options of the nodes this command starts with --daemon or --nodes; null: this JVM's own. */
    private List<String> nodeJvmOptions;

    /**
     * For a program that runs this command inside its own JVM (bin/pipeline), whose options are not
     * start-kraft's: the JVM options the nodes get, as java would get them on its command line (bin/start-kraft
     * gives its own JVM start-kraft's options, and its nodes take them from it).
     */
    public StartKraft nodeJvmOptions(List<String> jvmOptions) {
        this.nodeJvmOptions = List.copyOf(jvmOptions);
        return this;
    }

    private NodeJvm nodeJvm() {
        return nodeJvmOptions == null ? NodeJvm.likeThisJvm() : NodeJvm.withOptions(nodeJvmOptions);
    }

    public static void main(String[] args) {
        // The broker's log is logs/server.log, as in Kafka's own distribution, however the node is
        // started. Set before anything logs: Log4j reads it when it initialises.
        // The --daemon launcher only waits for the node: it logs to logs/kraft.log, not into the node's log.
        List<String> arguments = java.util.Arrays.asList(args);
        boolean launcherOnly = arguments.contains("--daemon") || arguments.contains("--nodes")
                || arguments.stream().anyMatch(a -> a.startsWith("--nodes="));
        System.setProperty("aq.component", launcherOnly ? "kraft" : "server");
        NodeLogs.select(arguments);
        CommandRunner.exit(new StartKraft(), args);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        metrics.validate();
        if (clusterOptions.cluster()) {
            return startCluster(out, err);
        }
        NodeConfig config = configOptions.load();
        Path topics = topicsFile(config);
        List<TopicSpec> declared = TopicsFile.read(topics);
        NodeSecurity security = NodeSecurity.PLAINTEXT;
        if (secure) {
            SecureNode secureNode = SecureNode.prepare(secureDir(config));
            config = secureNode.apply(config);
            security = secureNode;
        }
        Preflight.run(config, err);
        if (daemon) {
            // The node process serves the metrics: it gets the option, and reports a taken port itself.
            List<String> nodeArgs = new ArrayList<>(configOptions.asArgs());
            nodeArgs.addAll(List.of("--topics", topics.toString()));
            nodeArgs.addAll(security.nodeArguments());
            return new DaemonLauncher(nodeJvm(), nodeArgs, List.of(), metrics.port(), "bin/stop-kraft", out, err)
                    .launch(config);
        }
        if (parentPid != null) {
            ParentWatch.start(parentPid);
        }
        List<String> names = new ArrayList<>();
        declared.forEach(t -> names.add(t.name()));
        try (NodeMetrics figures = new NodeMetrics(config.bootstrapServers(), security.adminClientProperties(), names);
                MetricsServer server = metrics.start(figures::samples)) {
            return new ForegroundNode(config, security, declared, out, err, readyFile, figures::ready).run();
        }
    }

    /** --secure-dir, else data/secure of the project. */
    private Path secureDir(NodeConfig config) {
        return secureDir != null ? secureDir.toAbsolutePath() : config.projectDir().resolve("data").resolve("secure");
    }

    /** --secure: the profile, its certificates and secrets made once; else plaintext. */
    private NodeSecurity clusterSecurity(NodeConfig first) {
        return secure ? SecureNode.prepare(secureDir(first)) : NodeSecurity.PLAINTEXT;
    }

    private Path topicsFile(NodeConfig config) {
        return topicsFile != null ? topicsFile.toAbsolutePath() : config.file().resolveSibling("topics.conf");
    }

    /** --nodes 3: the whole cluster; --node N: one of its nodes, which creates no topics (the cluster did). */
    private int startCluster(PrintWriter out, PrintWriter err) throws Exception {
        ClusterLayout layout = clusterOptions.layout(configOptions);
        if (clusterOptions.node().isEmpty()) {
            if (metrics.port() != null) {
                throw new UserException(ExitCodes.USAGE, "--metrics-port serves one node's figures: give it with"
                        + " --node N when starting that node, not with --nodes 3.");
            }
            NodeConfig first = layout.nodeConfig(1);
            List<TopicSpec> declared = TopicsFile.read(topicsFile(first));
            return new ClusterLauncher(nodeJvm(), layout, clusterSecurity(first), declared, daemon, parentPid, out, err)
                    .run();
        }
        int node = clusterOptions.node().get();
        NodeSecurity security = clusterSecurity(layout.nodeConfig(node)).clusterMember();
        NodeConfig config = security.nodeConfig(layout.nodeConfig(node), layout.bootstrapServers());
        Preflight.runClusterNode(layout, node, err);
        if (!Storage.isFormatted(config)) {
            throw new UserException(ExitCodes.BAD_INPUT, "node " + node + " of the cluster has no storage in "
                    + config.metadataLogDir() + " yet: start the whole cluster first with bin/start-kraft --nodes 3.");
        }
        if (daemon) {
            List<String> nodeArgs = new ArrayList<>(layout.nodeArgs(node));
            nodeArgs.addAll(security.nodeArguments());
            if (parentPid != null) {
                nodeArgs.addAll(List.of("--stop-with-parent", parentPid.toString()));
            }
            return new DaemonLauncher(nodeJvm(), nodeArgs, NodeJvm.clusterNodeOptions(), metrics.port(),
                    "bin/stop-kraft --node " + node,
                    out, err).launch(config);
        }
        if (parentPid != null) {
            ParentWatch.start(parentPid);
        }
        try (NodeMetrics figures = new NodeMetrics(config.bootstrapServers(), security.adminClientProperties(), List.of());
                MetricsServer server = metrics.start(figures::samples)) {
            return new ForegroundNode(config, security, List.of(), out, err, readyFile, figures::ready).run();
        }
    }

    /** Where this process's logs go ({@code aq.logs.dir}, set by bin/ scripts), for messages. */
    static Path logsDir() {
        return Paths.get(System.getProperty("aq.logs.dir", "logs")).toAbsolutePath().normalize();
    }

    static UserException startFailed(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String why = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        if (why.contains("Address already in use")) {
            return new UserException(ExitCodes.ENVIRONMENT, "a listener port was taken while the node started ("
                    + why + "). Stop the program using it, or choose other ports with --override listeners=...", e);
        }
        return new UserException(ExitCodes.FAILURE, "the node failed to start: " + why + ". Details in "
                + logsDir().resolve("server.log") + ".", e);
    }
}
