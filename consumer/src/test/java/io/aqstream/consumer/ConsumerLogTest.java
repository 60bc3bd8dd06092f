package io.aqstream.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqstream.testkit.JavaProcess;
import io.aqstream.testkit.KraftTestNode;
import io.aqstream.testkit.WithKraftNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What bin/consume leaves in its log file, read from a real child JVM logging through conf/log4j2.xml as the
 * bin/ scripts run it: a start line (topic, folder, group), each partition's start position, a stop line
 * with the run's totals, and the pid and group id on every line.
 */
@WithKraftNode
class ConsumerLogTest {
    @TempDir
    static Path dir;
    private final KraftTestNode node;

    ConsumerLogTest(KraftTestNode node) {
        this.node = node;
    }

    /** The lines of one child run's log that start a log event, each checked for the pid and group label. */
    private List<String> consume(String name, Path output, String group, String topic) throws Exception {
        Path logs = dir.resolve(name);
        Path console = dir.resolve(name + ".out");
        Process p = JavaProcess.builder(ConsumeCommand.class, logs, List.of(), List.of("--bootstrap-server",
                node.bootstrapServers(), "--output", output.toString(), "--group", group, "--topic", topic,
                "--stop-after-idle", "1")).redirectErrorStream(true).redirectOutput(console.toFile()).start();
        if (!p.waitFor(3, TimeUnit.MINUTES)) { // a hang guard, not a timing expectation
            p.destroyForcibly();
            throw new AssertionError(name + ": the consumer hung");
        }
        List<String> log = Files.readAllLines(JavaProcess.logFile(ConsumeCommand.class, logs), StandardCharsets.UTF_8);
        String all = Files.readString(console, StandardCharsets.UTF_8) + "--- log ---\n" + String.join("\n", log);
        assertEquals(0, p.exitValue(), all);
        List<String> events = log.stream().filter(l -> l.matches("^\\d{4}-\\d\\d-\\d\\dT.*")).collect(Collectors.toList());
        assertFalse(events.isEmpty(), all);
        for (String line : events) {
            assertTrue(line.contains(" [" + p.pid() + " group=" + group + "] "), "pid and group in: " + line);
        }
        return events;
    }

    private static String line(List<String> log, String containing) {
        return log.stream().filter(l -> l.contains(containing)).findFirst()
                .orElseThrow(() -> new AssertionError("no line with '" + containing + "' in\n" + String.join("\n", log)));
    }

    @Test
    void aRunLogsWhereItReadsFromAndWritesToWhereEachPartitionStartsAndItsTotals() throws Exception {
        String topic = "logged";
        TestKafka.createTopic(node, topic, 2);
        TestKafka.produce(node, topic, 0, 10, 10);
        Path output = dir.resolve("processed");

        List<String> first = consume("first", output, "g-logged", topic);
        String started = line(first, "consume started: ");
        assertTrue(started.contains("topic " + topic + " (topic id ") && started.contains(" -> "
                + output.resolve(topic) + " (group g-logged, read_committed)"), started);
        for (int partition = 0; partition < 2; partition++) {
            assertTrue(line(first, "assigned " + topic + "-" + partition + ": ").contains("starting at the earliest"),
                    String.join("\n", first));
        }
        assertTrue(line(first, "consume stopped (idle for 1 s): ").contains("topic " + topic + " -> "
                + output.resolve(topic) + " (group g-logged): 10 rows written in 2 files published, 0 rejected"),
                String.join("\n", first));

        TestKafka.produce(node, topic, 10, 4, 4);
        List<String> rerun = consume("rerun", output, "g-logged", topic);
        assertTrue(line(rerun, "assigned " + topic + "-0: ").contains("resuming at offset"), String.join("\n", rerun));
        assertTrue(line(rerun, "consume stopped (idle for 1 s): ").contains(": 4 rows written in 2 files published"),
                String.join("\n", rerun));
    }
}
