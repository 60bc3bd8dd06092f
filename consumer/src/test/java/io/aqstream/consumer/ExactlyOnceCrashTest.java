package io.aqstream.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqstream.common.processed.FileNames;
import io.aqstream.testkit.JavaProcess;
import io.aqstream.testkit.KraftTestNode;
import io.aqstream.testkit.WithKraftNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The consumer as a real child process, killed with SIGKILL or halted at the exact steps that matter,
 * then restarted: the files must hold every row exactly once.
 */
@WithKraftNode
class ExactlyOnceCrashTest {
    /** Guards against a hung child only; never a performance expectation. */
    private static final Duration GUARD = Duration.ofMinutes(3);

    @TempDir
    static Path dir;
    static Path clientConfig;
    private final KraftTestNode node;

    @BeforeAll
    static void writeClientConfig() throws IOException {
        // A killed member leaves the group only when its session times out: keep that at the broker's
        // minimum so each restart gets its partitions back without a 45 s wait.
        clientConfig = Files.writeString(dir.resolve("client.properties"),
                "session.timeout.ms=6000\nheartbeat.interval.ms=1000\n");
    }

    ExactlyOnceCrashTest(KraftTestNode node) {
        this.node = node;
    }

    private Process start(Path output, String group, String topic, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of("--bootstrap-server", node.bootstrapServers(),
                "--command-config", clientConfig.toString(), "--output", output.toString(), "--group", group,
                "--topic", topic, "--progress", "1"));
        args.addAll(List.of(more));
        Path logs = dir.resolve("logs");
        // A fault to inject: the same command with an output folder that fails where the test says.
        Class<?> main = args.contains("--inject-fault") ? FaultyConsume.class : ConsumeCommand.class;
        ProcessBuilder pb = JavaProcess.builder(main, logs, List.of(), args);
        Files.createDirectories(logs);
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(topic + ".out").toFile()));
        return pb.start();
    }

    private static int await(Process p) throws InterruptedException {
        if (!p.waitFor(GUARD.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("consumer did not finish");
        }
        return p.exitValue();
    }

    private static void sigkill(Process p) throws InterruptedException {
        p.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no finally, nothing flushed
        p.waitFor();
    }

    private static String output(String topic) throws IOException {
        return Files.readString(dir.resolve("logs").resolve(topic + ".out"), StandardCharsets.UTF_8);
    }

    private static List<Path> hidden(Path output, String topic) throws IOException {
        Path folder = output.resolve(topic);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().startsWith(".")).collect(Collectors.toList());
        }
    }

    /** Polls until the condition holds or the guard expires (a hang guard, not a timing expectation). */
    private static void waitUntil(String what, java.util.function.BooleanSupplier condition, Process p)
            throws InterruptedException {
        long deadline = System.nanoTime() + GUARD.toNanos();
        while (!condition.getAsBoolean()) {
            if (!p.isAlive()) {
                throw new AssertionError("consumer exited (" + p.exitValue() + ") before: " + what);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void sigkillAtSeveralPointsOfALargeReplayThenRestartGivesEveryRowOnce() throws Exception {
        String topic = "t-sigkill";
        int rows = 120_000;
        TestKafka.createTopic(node, topic, 3);
        Path output = dir.resolve("sigkill");
        Thread producer = new Thread(() -> TestKafka.produce(node, topic, 0, rows, 1_000), "test-producer");
        producer.start();

        String[] roll = {"--roll-records", "4000", "--idle-flush", "1", "--stop-after-idle", "600"};
        // 1: killed as soon as its first file is visible.
        Process p = start(output, "g-sigkill", topic, roll);
        waitUntil("a first file", () -> ParquetRows.visibleFiles(output).size() >= 1, p);
        sigkill(p);
        // 2: killed while a file is being written (an in-progress file exists).
        p = start(output, "g-sigkill", topic, roll);
        int before = ParquetRows.visibleFiles(output).size();
        waitUntil("writing after restart", () -> ParquetRows.visibleFiles(output).size() > before, p);
        Process p2 = p;
        waitUntil("an in-progress file", () -> {
            try {
                return !hidden(output, topic).isEmpty();
            } catch (IOException e) {
                return false;
            }
        }, p2);
        sigkill(p);
        // 3: killed right after start, during recovery / joining the group.
        p = start(output, "g-sigkill", topic, roll);
        Thread.sleep(1_500);
        sigkill(p);
        // 4: killed after several more files.
        p = start(output, "g-sigkill", topic, roll);
        int before4 = ParquetRows.visibleFiles(output).size();
        waitUntil("three more files", () -> ParquetRows.visibleFiles(output).size() >= before4 + 3, p);
        sigkill(p);

        producer.join();
        p = start(output, "g-sigkill", topic, "--roll-records", "4000", "--idle-flush", "1", "--stop-after-idle", "5");
        assertEquals(0, await(p), output(topic));
        assertEquals(List.of(), hidden(output, topic), "leftover in-progress files removed");
        ExactlyOnce.verify(output, rows);
    }

    @Test
    void crashBetweenRenameAndOffsetCommitIsRecoveredFromTheFiles() throws Exception {
        String topic = "t-after-rename";
        TestKafka.createTopic(node, topic, 3);
        TestKafka.produce(node, topic, 0, 3_000, 250);
        Path output = dir.resolve("after-rename");

        Process crashed = start(output, "g-after-rename", topic, "--roll-records", "400",
                "--inject-fault", "halt-after-publish:2", "--stop-after-idle", "60");
        assertEquals(FaultyOutputFolder.HALT_STATUS, await(crashed), output(topic));
        Map<Integer, Long> committed = TestKafka.committed(node, "g-after-rename", topic, 3);
        List<Path> files = ParquetRows.visibleFiles(output);
        assertEquals(2, files.size(), files.toString());
        FileNames.FinishedFile last = FileNames.parseFinished(files.stream()
                .map(f -> f.getFileName().toString())
                .filter(n -> !committedCovers(committed, n)).findFirst()
                .orElseThrow(() -> new AssertionError("a file whose offsets were never committed: " + committed)))
                .orElseThrow();
        assertTrue(committed.getOrDefault(last.partition(), 0L) <= last.firstOffset(),
                "the group's offset is behind the files: " + committed);

        Process rerun = start(output, "g-after-rename", topic, "--roll-records", "400", "--stop-after-idle", "3");
        assertEquals(0, await(rerun), output(topic));
        ExactlyOnce.verify(output, 3_000);
    }

    private static boolean committedCovers(Map<Integer, Long> committed, String fileName) {
        FileNames.FinishedFile f = FileNames.parseFinished(fileName).orElseThrow();
        return committed.getOrDefault(f.partition(), 0L) > f.lastOffset();
    }

    /**
     * A consumer stopped (SIGSTOP, as a long GC pause or a closed laptop lid stops it) after writing a file
     * and before publishing it, for longer than its session timeout, while a second consumer takes its
     * partition over and writes those rows. When it resumes, the group refuses its ownership check, so it
     * drops its file instead of publishing it (before that check existed, it crashed on the file its
     * successor had removed, or, had it created the file after the takeover, published duplicates).
     */
    @Test
    void aConsumerPausedPastItsSessionDoesNotPublishWhatItsSuccessorWrote() throws Exception {
        String topic = "t-zombie";
        TestKafka.createTopic(node, topic, 1);
        TestKafka.produce(node, topic, 0, 2_000, 250);
        Path output = dir.resolve("zombie");

        Process paused = start(output, "g-zombie", topic, "--roll-records", "1000",
                "--inject-fault", "pause-before-publish:2", "--stop-after-idle", "5");
        waitUntil("the first consumer about to publish its second file", () -> {
            try {
                return output(topic).contains(FaultyOutputFolder.PAUSED);
            } catch (IOException e) {
                return false;
            }
        }, paused);
        signal("STOP", paused);
        try {
            Process successor = start(output, "g-zombie", topic, "--roll-records", "1000", "--stop-after-idle", "5");
            assertEquals(0, await(successor), output(topic));
            ExactlyOnce.verify(output, 2_000);
        } finally {
            signal("CONT", paused);
        }
        assertEquals(0, await(paused), output(topic));
        assertEquals(List.of(), hidden(output, topic), "the paused consumer's file was dropped");
        ExactlyOnce.verify(output, 2_000);
    }

    private static void signal(String name, Process p) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(p.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill -" + name);
    }

    @Test
    void orphanedInProgressFileIsRemovedAndItsRowsWrittenOnce() throws Exception {
        String topic = "t-orphan";
        TestKafka.createTopic(node, topic, 3);
        TestKafka.produce(node, topic, 0, 2_000, 250);
        Path output = dir.resolve("orphan");

        Process crashed = start(output, "g-orphan", topic, "--roll-records", "300",
                "--inject-fault", "halt-before-publish:1", "--stop-after-idle", "60");
        assertEquals(FaultyOutputFolder.HALT_STATUS, await(crashed), output(topic));
        List<Path> orphans = hidden(output, topic);
        assertEquals(1, orphans.size(), orphans.toString());
        assertTrue(orphans.get(0).getFileName().toString().endsWith(FileNames.IN_PROGRESS_SUFFIX));
        assertTrue(Files.size(orphans.get(0)) > 0, "a complete, fsynced file that was never renamed");
        assertEquals(List.of(), ParquetRows.visibleFiles(output), "nothing visible to readers");
        Map<Integer, Long> committed = TestKafka.committed(node, "g-orphan", topic, 3);
        // .TOPIC+PARTITION+FIRST.inprogress: the ownership check may have committed FIRST, never more.
        String[] name = orphans.get(0).getFileName().toString().replace(FileNames.IN_PROGRESS_SUFFIX, "")
                .split("\\+");
        assertTrue(committed.getOrDefault(Integer.parseInt(name[1]), 0L) <= Long.parseLong(name[2]),
                "nothing committed past the unpublished file's first offset: " + committed);

        Process rerun = start(output, "g-orphan", topic, "--roll-records", "300", "--stop-after-idle", "3");
        assertEquals(0, await(rerun), output(topic));
        assertFalse(Files.exists(orphans.get(0)));
        ExactlyOnce.verify(output, 2_000);
    }

    @Test
    void interruptFinishesTheOpenFilesAndCommitsThem() throws Exception {
        String topic = "t-interrupt";
        TestKafka.createTopic(node, topic, 3);
        TestKafka.produce(node, topic, 0, 5_000, 500);
        Path output = dir.resolve("interrupt");

        Process p = start(output, "g-interrupt", topic, "--idle-flush", "600", "--roll-interval", "600");
        waitUntil("rows in an open file", () -> {
            try {
                return !hidden(output, topic).isEmpty() && output(topic).contains("5,000 rows");
            } catch (IOException e) {
                return false;
            }
        }, p);
        p.destroy(); // SIGTERM: the same shutdown path as Ctrl-C (SIGINT)
        assertEquals(128 + 15, await(p), output(topic));
        assertTrue(output(topic).contains("rows written:    5000"), output(topic));
        assertEquals(List.of(), hidden(output, topic), "open files were finished, not left behind");
        Map<Integer, Long> committed = TestKafka.committed(node, "g-interrupt", topic, 3);
        for (Path f : ParquetRows.visibleFiles(output)) {
            FileNames.FinishedFile file = FileNames.parseFinished(f.getFileName().toString()).orElseThrow();
            assertEquals(file.lastOffset() + 1, committed.get(file.partition()), "committed past every file");
        }
        ExactlyOnce.verify(output, 5_000);
    }
}
