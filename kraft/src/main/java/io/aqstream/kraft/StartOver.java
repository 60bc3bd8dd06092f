package io.aqstream.kraft;

import io.aqstream.common.cli.Plural;
import io.aqstream.common.cli.CommandRunner;
import io.aqstream.common.cli.ExitCodeHelp;
import io.aqstream.common.cli.ExitCodeList;
import io.aqstream.common.cli.ExitCodeList.Code;
import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.VerboseOption;
import io.aqstream.common.processed.ProcessedData;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.Charset;
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

/**
 * bin/start-over: back to a fresh clone's state in one step. Kafka's data and the Parquet made from it
 * go together, because either one alone leaves the other describing a topic that no longer exists
 * (files of the old topic beside the new one's, or a group position past rows the folder lacks).
 */
@Command(name = "start-over", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Starts the pipeline over: stops the KRaft node, deletes all of its data (every topic, the consumer"
                    + " group offsets, the producer's replay positions and the cluster id), and deletes the Parquet"
                    + " folders that bin/consume wrote into processed_data/ with their bin/aq-report reports, after asking for"
                    + " confirmation.",
            "Then bin/start-kraft (or bin/pipeline) begins again from nothing. Stop bin/produce and bin/consume"
                    + " first. Folders in processed_data/ that bin/consume did not write are left alone. Logs are kept."},
        modelTransformer = ExitCodeHelp.class)
@ExitCodeList({
    @Code(value = ExitCodes.OK, meaning = "Started over, nothing to delete, or the question was answered no."),
    @Code(value = ExitCodes.FAILURE, meaning = "The node did not stop within --timeout (nothing was deleted)."),
    @Code(value = ExitCodes.USAGE, meaning = "Invalid command line, or no answer to the question (use --yes in scripts)."),
    @Code(value = ExitCodes.BAD_INPUT, meaning = "Unusable configuration, or a data dir that does not look like Kafka's"
            + " (nothing deleted)."),
    @Code(value = ExitCodes.ENVIRONMENT, meaning = "A file cannot be deleted (permissions)."),
})
public final class StartOver implements Callable<Integer> {
    /** -v: applied by bin/lib/aq.sh at JVM start; declared here for --help and parsing. */
    @Mixin
    VerboseOption verbose = new VerboseOption();

    @Mixin
    ConfigOptions configOptions = new ConfigOptions();

    @Option(names = "--output", paramLabel = "DIR",
            description = "The processed data folder whose Parquet folders are deleted. Default: processed_data/ of"
                    + " the project.")
    Path output;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "How long to wait for the node's clean shutdown. Default: ${DEFAULT-VALUE}.")
    long timeoutSeconds;

    @Option(names = {"-y", "--yes"}, description = "Delete without asking (for scripts).")
    boolean yes;

    @Spec
    CommandSpec spec;

    private final BufferedReader answers;

    public StartOver() {
        this(new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset())));
    }

    /** With the answers to the question coming from {@code answers} (tests). */
    public StartOver(BufferedReader answers) {
        this.answers = answers;
    }

    public static void main(String[] args) {
        CommandRunner.exit(new StartOver(), args);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        NodeConfig config = configOptions.load();
        Path root = (output != null ? output : ProcessedData.defaultRoot()).toAbsolutePath().normalize();
        OptionalLong running = NodeLock.runningPid(config);
        List<Path> dirs = NodeData.existingDirs(config);
        List<ProcessedData.TopicFolder> folders = ProcessedData.topicFolders(root);
        List<String> plan = new ArrayList<>();
        running.ifPresent(pid -> plan.add("stop the KRaft node (pid " + pid + ")"));
        if (!dirs.isEmpty()) {
            plan.add("delete the node's data in " + String.join(", ", dirs.stream().map(Path::toString).toList()) + " ("
                    + (NodeData.size(dirs) >> 20) + " MB): every topic, the consumer group offsets, the replay"
                    + " positions and the cluster id");
        }
        List<Path> reports = new ArrayList<>();
        for (ProcessedData.TopicFolder f : folders) {
            plan.add("delete " + f.dir() + " (" + Plural.count(f.finishedFiles(), "Parquet file") + ")");
            // The report describes that folder's rows: kept alone it would show data that is gone.
            Path report = ProcessedData.reportFile(f.dir());
            if (Files.isRegularFile(report)) {
                reports.add(report);
                plan.add("delete its report " + report);
            }
        }
        if (plan.isEmpty()) {
            out.println("Nothing to start over: no node data in " + config.allDataDirs() + " and no Parquet folder in "
                    + root + ".");
            return ExitCodes.OK;
        }
        String steps = String.join(String.format("%n  - "), plan);
        if (!yes && !Confirmation.ask(answers, err, String.format("bin/start-over will:%n  - %s%n", steps),
                "bin/start-over")) {
            out.println("Nothing deleted.");
            return ExitCodes.OK;
        }
        NodeStopper.stop(config, timeoutSeconds, err);
        NodeData.delete(config, NodeData.existingDirs(config));
        for (ProcessedData.TopicFolder f : folders) {
            NodeData.deleteTree(f.dir());
        }
        for (Path report : reports) {
            NodeData.deleteTree(report);
        }
        out.printf("Started over. Done:%n  - %s%n", steps);
        out.println("Next: bin/start-kraft (or bin/pipeline), then replay your data once.");
        return ExitCodes.OK;
    }
}
