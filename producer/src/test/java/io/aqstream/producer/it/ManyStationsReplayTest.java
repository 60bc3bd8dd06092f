package io.aqstream.producer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqstream.common.MessageHeaders;
import io.aqstream.producer.ProduceCommand;
import io.aqstream.testkit.Cli;
import io.aqstream.testkit.CliResult;
import io.aqstream.testkit.JavaProcess;
import io.aqstream.testkit.KraftTestNode;
import io.aqstream.testkit.RepoFiles;
import io.aqstream.testkit.WithKraftNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/produce DIR: every station file of the folder in one process, each with its own transactions and
 * checkpoint; SIGKILLed mid-replay, the same command finishes every station with no row twice or missing.
 */
@WithKraftNode
class ManyStationsReplayTest {
    static final List<String> STATIONS = List.of("Aotizhongxin", "Dongsi", "Huairou");
    static final int ROWS = 1500;

    @TempDir
    Path dir;
    private final KraftTestNode node;

    ManyStationsReplayTest(KraftTestNode node) {
        this.node = node;
    }

    /** The first {@link #ROWS} rows of real station files, in a folder of their own. */
    private Path stations() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("beijing"));
        for (String s : STATIONS) {
            Path real = RepoFiles.beijingFile(s);
            List<String> head = Files.readAllLines(real).subList(0, ROWS + 1);
            Files.writeString(folder.resolve(real.getFileName()), String.join("\r\n", head) + "\r\n");
        }
        return folder;
    }

    @Test
    void aFolderOfStationsKilledMidReplayEndsWithEveryRowOnce() throws Exception {
        Path folder = stations();
        String topic = "many-killed";
        // 360,000 x real time = 100 data hours per second: about 15 s per station, all three together.
        Process p = JavaProcess.builder(ProduceCommand.class, dir.resolve("logs"), List.of(),
                List.of(folder.toString(), "--bootstrap-server", node.bootstrapServers(), "--topic", topic,
                        "--speed", "360000", "--batch-size", "50"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("killed.out").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (TopicReader.readCommitted(node.bootstrapServers(), topic).size() < 600) {
                assertTrue(p.isAlive(), "ended too early: " + Files.readString(dir.resolve("killed.out")));
                assertTrue(System.nanoTime() < deadline, "600 rows not visible after 120 s");
                Thread.sleep(300);
            }
        } finally {
            p.destroyForcibly(); // SIGKILL: every station's open transaction stays open
            p.waitFor(30, TimeUnit.SECONDS);
        }
        int before = TopicReader.readCommitted(node.bootstrapServers(), topic).size();
        assertTrue(before < STATIONS.size() * ROWS, "killed mid-replay: " + before);

        CliResult rerun = Cli.run(new ProduceCommand(), folder.toString(), "--bootstrap-server", node.bootstrapServers(),
                "--topic", topic, "--speed", "max");
        assertEquals(0, rerun.exitCode(), rerun.toString());
        assertEquals(STATIONS.size(), rerun.out().split("replay finished: ", -1).length - 1, rerun.out());

        // A commit returns before its markers are written: wait until every row is visible (or 60 s).
        List<ConsumerRecord<byte[], byte[]>> all = TopicReader.readCommitted(node.bootstrapServers(), topic);
        for (long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                all.size() < STATIONS.size() * ROWS && System.nanoTime() < until; ) {
            Thread.sleep(200);
            all = TopicReader.readCommitted(node.bootstrapServers(), topic);
        }
        Map<String, Set<String>> lines = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : all) {
            String station = new String(r.key(), StandardCharsets.UTF_8);
            String value = new String(r.value(), StandardCharsets.UTF_8);
            assertTrue(value.startsWith("{\"station\":\"" + station + "\""), value);
            String line = MessageHeaders.text(r.headers(), MessageHeaders.SOURCE_LINE);
            assertTrue(lines.computeIfAbsent(station, k -> new HashSet<>()).add(line), station + " line " + line + " twice");
        }
        assertEquals(new HashSet<>(STATIONS), lines.keySet());
        for (String s : STATIONS) {
            assertEquals(ROWS, lines.get(s).size(), s);
        }
    }

    @Test
    void aFolderMixingTwoFormatsSendsNothing() throws Exception {
        Path folder = stations();
        Files.writeString(folder.resolve("uci.csv"), MalformedInputTest.crlf(MalformedInputTest.HEADER,
                MalformedInputTest.R1));
        CliResult r = Cli.run(new ProduceCommand(), folder.toString(), "--bootstrap-server", node.bootstrapServers(),
                "--topic", "many-mixed", "--speed", "max");
        assertEquals(3, r.exitCode(), r.toString());
        assertTrue(r.err().contains("uci.csv: is in format uci but ") && r.err().contains("is in format beijing"),
                r.err());
        assertFalse(TopicReader.exists(node.bootstrapServers(), "many-mixed"));
    }
}
