package io.aqstream.kraft;

import io.aqstream.common.cli.Plural;
import io.aqstream.common.cli.VerboseOption;
import io.aqstream.common.cli.CommandRunner;
import io.aqstream.common.cli.ExitCodeHelp;
import io.aqstream.common.cli.ExitCodeList;
import io.aqstream.common.cli.ExitCodeList.Code;
import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.UserException;
import io.aqstream.common.processed.ProcessedData;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import io.aqstream.common.cli.LocalCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** bin/reset-kraft: deletes the node's data (all topics, the cluster id) after confirmation. */
@Command(name = "reset-kraft", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Deletes all data of the KRaft node (every topic and message, and the cluster id) in the data dirs"
                    + " of conf/server.properties, after asking for confirmation. The next bin/start-kraft formats"
                    + " new storage. Refuses while a node is running on that data. Logs are kept.",
            "With no option it resets the local cluster's nodes too (bin/start-kraft --nodes 3); --nodes 3 resets only"
                    + " the cluster."},
        modelTransformer = ExitCodeHelp.class)
@ExitCodeList({
    @Code(value = ExitCodes.OK, meaning = "Deleted, nothing to delete, or the question was answered no."),
    @Code(value = ExitCodes.USAGE, meaning = "Invalid command line, or no answer to the question (use --yes in scripts)."),
    @Code(value = ExitCodes.BAD_INPUT, meaning = "Unusable configuration, or a data dir that does not look like Kafka's"
            + " (nothing deleted)."),
    @Code(value = ExitCodes.ENVIRONMENT, meaning = "A node is running on this data (stop it with bin/stop-kraft), or a"
            + " file cannot be deleted."),
})
public final class ResetKraft implements Callable<Integer> {
    /** -v: applied by bin/lib/aq.sh at JVM start; declared here for --help and parsing. */
    @Mixin
    VerboseOption verbose = new VerboseOption();

    @Mixin
    ConfigOptions configOptions = new ConfigOptions();

    @Mixin
    ClusterOptions clusterOptions = new ClusterOptions();

    @Option(names = {"-y", "--yes"}, description = "Delete without asking (for scripts).")
    boolean yes;

    @Spec
    CommandSpec spec;

    private final BufferedReader answers;

    public ResetKraft() {
        this(new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset())));
    }

    /** With the answers to the question coming from {@code answers} (tests). */
    public ResetKraft(BufferedReader answers) {
        this.answers = answers;
    }

    public static void main(String[] args) {
        CommandRunner.exit(new ResetKraft(), args);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<NodeConfig> nodes = nodes();
        List<Path> dirs = new ArrayList<>();
        for (NodeConfig config : nodes) {
            OptionalLong running = NodeLock.runningPid(config);
            if (running.isPresent()) {
                throw new UserException(ExitCodes.ENVIRONMENT, "a KRaft node is running on " + config.metadataLogDir()
                        + " (pid " + running.getAsLong() + "). Stop it first with bin/stop-kraft, then run bin/reset-kraft again.");
            }
            dirs.addAll(NodeData.existingDirs(config));
        }
        if (dirs.isEmpty()) {
            List<Path> all = new ArrayList<>();
            nodes.forEach(n -> all.addAll(n.allDataDirs()));
            out.println("Nothing to delete: " + all + " does not exist.");
            return ExitCodes.OK;
        }
        List<ProcessedData.TopicFolder> parquet = parquetLeft();
        if (!yes && !Confirmation.ask(answers, err, "This deletes every topic and message of the KRaft node, and its"
                + " cluster id, in " + dirs + " (" + (NodeData.size(dirs) >> 20) + " MB)."
                + (parquet.isEmpty() ? "" : " The Parquet files in " + ProcessedData.defaultRoot() + " are kept (bin/start-over"
                        + " deletes both)."), "bin/reset-kraft")) {
            out.println("Nothing deleted.");
            return ExitCodes.OK;
        }
        for (NodeConfig config : nodes) {
            NodeData.delete(config, NodeData.existingDirs(config));
        }
        forgetCluster();
        out.println("Deleted the node's data in " + dirs + ". The next bin/start-kraft formats new storage with a new cluster id.");
        for (ProcessedData.TopicFolder f : parquet) {
            err.println("warning: " + f.dir() + " still holds " + Plural.count(f.finishedFiles(), "Parquet file") + " of the old topic:"
                    + " bin/consume will refuse to write the new topic beside them. Move the folder aside, or run"
                    + " bin/start-over to clear Kafka and processed_data/ together.");
        }
        return ExitCodes.OK;
    }

    /** The nodes whose data goes: the single node and the project's cluster, or what the options name. */
    private List<NodeConfig> nodes() {
        if (clusterOptions.cluster()) {
            ClusterLayout layout = clusterOptions.layout(configOptions);
            return clusterOptions.node().map(n -> List.of(layout.nodeConfig(n))).orElseGet(layout::nodeConfigs);
        }
        List<NodeConfig> nodes = new ArrayList<>(List.of(configOptions.load()));
        if (!configOptions.explicit() && Files.isDirectory(clusterOptions.projectCluster(configOptions).root())) {
            nodes.addAll(clusterOptions.projectCluster(configOptions).nodeConfigs());
        }
        return nodes;
    }

    /** The cluster's folder holds only its nodes' folders and the address file: gone with them. */
    private void forgetCluster() throws java.io.IOException {
        if (clusterOptions.cluster() && clusterOptions.node().isEmpty()
                || !clusterOptions.cluster() && !configOptions.explicit()) {
            Path root = (clusterOptions.cluster() ? clusterOptions.layout(configOptions)
                    : clusterOptions.projectCluster(configOptions)).root();
            if (Files.isDirectory(root)) {
                LocalCluster.forget(root);
                try (java.util.stream.Stream<Path> left = Files.list(root)) {
                    if (left.findAny().isEmpty()) {
                        Files.delete(root);
                    }
                }
            }
        }
    }

    /** The Parquet folders made from the topics about to be deleted, which a reset leaves behind. */
    private static List<ProcessedData.TopicFolder> parquetLeft() {
        return ProcessedData.topicFolders(ProcessedData.defaultRoot()).stream().filter(f -> f.finishedFiles() > 0).toList();
    }
}
