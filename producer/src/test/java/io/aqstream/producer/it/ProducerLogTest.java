package io.aqstream.producer.it;

import static io.aqstream.producer.it.MalformedInputTest.EMPTY;
import static io.aqstream.producer.it.MalformedInputTest.HEADER;
import static io.aqstream.producer.it.MalformedInputTest.R1;
import static io.aqstream.producer.it.MalformedInputTest.R2;
import static io.aqstream.producer.it.MalformedInputTest.R3;
import static io.aqstream.producer.it.MalformedInputTest.crlf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqstream.producer.ProduceCommand;
import io.aqstream.testkit.JavaProcess;
import io.aqstream.testkit.KraftTestNode;
import io.aqstream.testkit.WithKraftNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What bin/produce leaves in its log file, read from a real child JVM logging through conf/log4j2.xml as the
 * bin/ scripts run it: start, resume and end lines with totals, the pid and replay id on every line, one
 * line per user error, and a few lines (not one a second) while the broker does not answer.
 */
@WithKraftNode
class ProducerLogTest {
    @TempDir
    static Path dir;
    private final KraftTestNode node;

    ProducerLogTest(KraftTestNode node) {
        this.node = node;
    }

    /** One child run: its pid, exit code, console output and the lines of its own log file. */
    record Run(long pid, int exitCode, String output, List<String> log) {
        /** The lines that start a log event (a stack trace's lines do not). */
        List<String> events() {
            return log.stream().filter(l -> l.matches("^\\d{4}-\\d\\d-\\d\\dT.*")).collect(Collectors.toList());
        }

        String line(String containing) {
            return log.stream().filter(l -> l.contains(containing)).findFirst()
                    .orElseThrow(() -> new AssertionError("no line with '" + containing + "' in\n" + this));
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- output ---\n" + output + "--- log ---\n" + String.join("\n", log);
        }
    }

    private static Run produce(String name, String... args) throws IOException, InterruptedException {
        Path logs = dir.resolve(name);
        Path output = dir.resolve(name + ".out");
        Process p = JavaProcess.builder(ProduceCommand.class, logs, List.of(), List.of(args))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!p.waitFor(3, TimeUnit.MINUTES)) { // a hang guard, not a timing expectation
            p.destroyForcibly();
            throw new AssertionError(name + ": the producer hung");
        }
        Path log = JavaProcess.logFile(ProduceCommand.class, logs);
        return new Run(p.pid(), p.exitValue(), Files.readString(output, StandardCharsets.UTF_8),
                Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of());
    }

    private static void assertEveryLineLabelled(Run run, String label) {
        assertFalse(run.events().isEmpty(), run.toString());
        for (String line : run.events()) {
            assertTrue(line.contains(" [" + run.pid() + " " + label + "] "), "pid and " + label + " in: " + line);
        }
    }

    @Test
    void aReplayLogsWhatItSendsWhereAndItsTotalsAndARerunLogsWhereItResumes() throws Exception {
        Path file = dir.resolve("logged.csv");
        Files.writeString(file, crlf(HEADER, R1, EMPTY, R2));
        String replayId = "aq-produce:logged:logged:logged.csv";
        String[] args = {file.toString(), "--bootstrap-server", node.bootstrapServers(), "--topic", "logged",
            "--speed", "max"};

        Run first = produce("first", args);
        assertEquals(0, first.exitCode(), first.toString());
        assertEveryLineLabelled(first, "replay=" + replayId);
        String started = first.line("replay started: ");
        assertTrue(started.contains(file.toAbsolutePath() + " -> logged (station logged, replay id and transactional.id "
                + replayId + ", speed max, batch 100, on-error fail, gzip) from the first row"), started);
        String finished = first.line("replay finished: ");
        assertTrue(finished.contains("this run sent 2 rows, rejected 0 (0 to the dead-letter topic), skipped 1 empty"
                + " rows, in 1 transactions; committed up to line 4; "), finished);

        Files.writeString(file, crlf(R3), StandardOpenOption.APPEND);
        Run rerun = produce("rerun", args);
        assertEquals(0, rerun.exitCode(), rerun.toString());
        assertEveryLineLabelled(rerun, "replay=" + replayId);
        String resumed = rerun.line("replay resumed: ");
        assertTrue(resumed.contains(" after line 4 (committed before: 2 rows sent, 0 rejected, 1 empty rows skipped)"),
                resumed);
        assertTrue(rerun.line("replay finished: ").contains("this run sent 1 rows, rejected 0"), rerun.toString());
    }

    static Stream<List<String>> userErrors() {
        return Stream.of(
            List.of("3", "no-such-file.csv"),
            List.of("2", "some.csv", "--batch-size", "0"),
            List.of("2", "some.csv", "--speed", "fast"));
    }

    @ParameterizedTest(name = "exit {0}: {1} ...")
    @MethodSource("userErrors")
    void aUserErrorLeavesOneLineAndNoStackTrace(List<String> exitAndArgs) throws Exception {
        List<String> args = new ArrayList<>(exitAndArgs.subList(1, exitAndArgs.size()));
        args.set(0, dir.resolve(args.get(0)).toString());
        Run run = produce("user-error-" + String.join("-", exitAndArgs).replaceAll("[^A-Za-z0-9-]", ""),
                args.toArray(String[]::new));
        assertEquals(Integer.parseInt(exitAndArgs.get(0)), run.exitCode(), run.toString());
        assertEquals(1, run.log().size(), "one line: " + run);
        String line = run.log().get(0);
        assertTrue(line.contains(" ERROR ") && line.contains("(exit " + run.exitCode() + ")"), line);
        assertTrue(line.contains(" [" + run.pid() + " "), "the pid: " + line);
        assertFalse(line.contains("Exception"), "no exception class, no stack trace: " + line);
    }

    @Test
    void anUnreachableBrokerGivesAFewConnectionWarningsNotOneASecond() throws Exception {
        int port = KraftTestNode.freePorts(1)[0];
        Path file = dir.resolve("unreachable.csv");
        Files.writeString(file, crlf(HEADER, R1));
        long started = System.nanoTime();
        Run run = produce("unreachable", file.toString(), "--bootstrap-server", "127.0.0.1:" + port,
                "--wait-for-broker", "5s");
        double minutes = (System.nanoTime() - started) / 60e9;
        assertEquals(4, run.exitCode(), run.toString());
        String replayId = "aq-produce:air-quality-data:unreachable:unreachable.csv";
        assertEveryLineLabelled(run, "replay=" + replayId); // the Kafka client's own thread included
        List<String> warnings = run.events().stream().filter(l -> l.contains("could not be established"))
                .collect(Collectors.toList());
        // conf/log4j2.xml's BurstFilter: 3 lines, then 3 more per minute at most. Unfiltered: about one a second.
        assertTrue(!warnings.isEmpty() && warnings.size() <= 3 * (1 + (int) minutes), run.toString());
        assertTrue(warnings.get(0).contains("[kafka-admin-client-thread"), warnings.get(0));
        assertTrue(run.line("produce stopped (exit 4): no answer from Kafka").contains(" ERROR "), run.toString());
        assertFalse(run.log().stream().anyMatch(l -> l.startsWith("\tat ")), "no stack trace: " + run);
    }
}
