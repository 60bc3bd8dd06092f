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
import java.nio.file.Path;
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
                    + " new storage. Refuses while a node is running on that data. Logs are kept."},
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
        NodeConfig config = configOptions.load();
        OptionalLong running = NodeLock.runningPid(config);
        if (running.isPresent()) {
            throw new UserException(ExitCodes.ENVIRONMENT, "a KRaft node is running on " + config.metadataLogDir()
                    + " (pid " + running.getAsLong() + "). Stop it first with bin/stop-kraft, then run bin/reset-kraft again.");
        }
        List<Path> dirs = NodeData.existingDirs(config);
        if (dirs.isEmpty()) {
            out.println("Nothing to delete: " + config.allDataDirs() + " does not exist.");
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
        NodeData.delete(config, dirs);
        out.println("Deleted the node's data in " + dirs + ". The next bin/start-kraft formats new storage with a new cluster id.");
        for (ProcessedData.TopicFolder f : parquet) {
            err.println("warning: " + f.dir() + " still holds " + Plural.count(f.finishedFiles(), "Parquet file") + " of the old topic:"
                    + " bin/consume will refuse to write the new topic beside them. Move the folder aside, or run"
                    + " bin/start-over to clear Kafka and processed_data/ together.");
        }
        return ExitCodes.OK;
    }

    /** The Parquet folders made from the topics about to be deleted, which a reset leaves behind. */
    private static List<ProcessedData.TopicFolder> parquetLeft() {
        return ProcessedData.topicFolders(ProcessedData.defaultRoot()).stream().filter(f -> f.finishedFiles() > 0).toList();
    }
}
