package io.aqstream.kraft;

import io.aqstream.common.cli.VerboseOption;
import io.aqstream.common.cli.CommandRunner;
import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.UserException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** bin/reset-kraft: deletes the node's data (all topics, the cluster id) after confirmation. */
@Command(name = "reset-kraft", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class, sortOptions = false,
        description = {
            "Deletes all data of the KRaft node (every topic and message, and the cluster id) in the data dirs"
                    + " of conf/server.properties, after asking for confirmation. The next bin/start-kraft formats"
                    + " new storage. Refuses while a node is running on that data. Logs are kept."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:Deleted, nothing to delete, or the question was answered no.",
            "2:Invalid command line, or no answer to the question (use --yes in scripts).",
            "3:Unusable configuration, or a data dir that does not look like Kafka's (nothing deleted).",
            "5:A node is running on this data (stop it with bin/stop-kraft), or a file cannot be deleted."})
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
        List<Path> dirs = new ArrayList<>();
        for (Path dir : config.allDataDirs()) {
            if (Files.isDirectory(dir)) {
                checkLooksLikeKafka(dir, config);
                dirs.add(dir);
            }
        }
        if (dirs.isEmpty()) {
            out.println("Nothing to delete: " + config.allDataDirs() + " does not exist.");
            return ExitCodes.OK;
        }
        if (!yes) {
            err.print("This deletes every topic and message of the KRaft node, and its cluster id, in " + dirs + " ("
                    + (size(dirs) >> 20) + " MB). Type 'yes' to delete: ");
            err.flush();
            String answer = answers.readLine();
            if (answer == null) {
                throw new UserException(ExitCodes.USAGE, "no answer to the question (input closed): nothing was"
                        + " deleted. Run bin/reset-kraft --yes to delete without the question.");
            }
            if (!answer.trim().equalsIgnoreCase("yes")) {
                out.println("Nothing deleted.");
                return ExitCodes.OK;
            }
        }
        // Hold the node lock while deleting, so that a node started meanwhile is refused.
        NodeLock lock = NodeLock.acquire(config);
        try {
            for (Path dir : dirs) {
                deleteContents(dir, dir.equals(config.metadataLogDir()) ? NodeLock.ownFiles() : List.of());
            }
        } finally {
            lock.close();
        }
        for (Path dir : dirs) {
            deleteTree(dir);
        }
        out.println("Deleted the node's data in " + dirs + ". The next bin/start-kraft formats new storage with a new cluster id.");
        return ExitCodes.OK;
    }

    /** Never delete a folder that is not a Kafka data dir: log.dirs might point at something precious. */
    private static void checkLooksLikeKafka(Path dir, NodeConfig config) throws IOException {
        if (Files.isRegularFile(dir.resolve(Storage.META_PROPERTIES))) {
            return;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            boolean onlyOurs = entries.allMatch(p -> NodeLock.ownFiles().contains(p.getFileName().toString())
                    || p.getFileName().toString().equals(".lock"));
            if (onlyOurs) {
                return;
            }
        }
        throw new UserException(ExitCodes.BAD_INPUT, dir + " does not look like a Kafka data dir (no "
                + Storage.META_PROPERTIES + "), so nothing was deleted. Check log.dirs in " + config.file()
                + ", or delete the folder yourself.");
    }

    private static long size(List<Path> dirs) throws IOException {
        long total = 0;
        for (Path dir : dirs) {
            try (Stream<Path> files = Files.walk(dir)) {
                total += files.filter(Files::isRegularFile).mapToLong(p -> {
                    try {
                        return Files.size(p);
                    } catch (IOException e) {
                        return 0;
                    }
                }).sum();
            }
        }
        return total;
    }

    private static void deleteContents(Path dir, List<String> keep) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                if (!keep.contains(p.getFileName().toString())) {
                    deleteTree(p);
                }
            }
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            throw new UserException(ExitCodes.ENVIRONMENT, "cannot delete " + root + " (" + e.getMessage()
                    + "). Check its permissions and delete it yourself.", e);
        }
    }
}
