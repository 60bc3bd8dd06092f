package io.aqstream.producer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aqstream.common.MessageHeaders;
import io.aqstream.producer.ProduceCommand;
import io.aqstream.testkit.Cli;
import io.aqstream.testkit.CliResult;
import io.aqstream.testkit.JavaProcess;
import io.aqstream.testkit.KraftTestNode;
import io.aqstream.testkit.RepoFiles;
import io.aqstream.testkit.WithKraftNode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.internal.CompressionType;
import org.apache.kafka.common.record.internal.FileLogInputStream.FileChannelRecordBatch;
import org.apache.kafka.common.record.internal.FileRecords;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real file through a real KRaft node, read back read_committed and checked against the CSV itself. */
@WithKraftNode
class ReplayToKafkaTest {
    /** The JSON names of the contract, written out here (not taken from the code under test). */
    private static final String[] COLUMNS = {"co_gt", "pt08_s1_co", "nmhc_gt", "c6h6_gt", "pt08_s2_nmhc", "nox_gt",
        "pt08_s3_nox", "no2_gt", "pt08_s4_no2", "pt08_s5_o3", "t", "rh", "ah"};
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path csv;
    private final KraftTestNode node;

    /** Before any node starts: without the real file the class is skipped (locally) or fails (CI). */
    @BeforeAll
    static void findTheRealFile() {
        csv = RepoFiles.realCsv();
    }

    ReplayToKafkaTest(KraftTestNode node) {
        this.node = node;
    }

    private CliResult produce(String... args) {
        String[] all = Stream.concat(Stream.of(csv.toString(), "--bootstrap-server", node.bootstrapServers()),
                Stream.of(args)).toArray(String[]::new);
        return Cli.run(new ProduceCommand(), all);
    }

    @Test
    void theRealFileArrivesOnceValueForValueInGzipTransactionalBatches() throws Exception {
        String topic = "real-replay";
        CliResult first = produce("--topic", topic, "--speed", "max");
        assertEquals(0, first.exitCode(), first.toString());
        assertTrue(first.out().contains("rows sent:          9357"), first.out());
        assertTrue(first.out().contains("empty rows skipped: 114"), first.out());

        assertMatchesCsv(TopicReader.readCommitted(node.bootstrapServers(), topic), true);

        CliResult again = produce("--topic", topic, "--speed", "max");
        assertEquals(0, again.exitCode(), again.toString());
        assertTrue(again.out().contains("already finished"), again.out());
        assertEquals(9357, TopicReader.readCommitted(node.bootstrapServers(), topic).size(), "nothing sent again");

        assertBatchesOnDiskAreGzipAndTransactional(topic, 9357);
    }

    @Test
    void aProducerKilledWithSigkillMidReplayResumesWithoutDuplicatesOrGaps() throws Exception {
        String topic = "killed-replay";
        Process p = startSlowProducer(topic, "killed.out");
        try {
            awaitVisible(topic, 1000, p, "killed.out");
        } finally {
            p.destroyForcibly(); // SIGKILL: no shutdown hook, the open transaction stays open
            p.waitFor(30, TimeUnit.SECONDS);
        }
        int beforeRerun = TopicReader.readCommitted(node.bootstrapServers(), topic).size();
        assertTrue(beforeRerun < 9357, "killed mid-replay: " + beforeRerun);

        CliResult rerun = produce("--topic", topic, "--speed", "max", "--batch-size", "50");
        assertEquals(0, rerun.exitCode(), rerun.toString());
        assertTrue(rerun.out().contains("resumed after line:"), rerun.out());
        assertMatchesCsv(TopicReader.readCommitted(node.bootstrapServers(), topic), false);
    }

    /** Ctrl-C (SIGINT): the open transaction is aborted cleanly, exit 130, and the same command continues. */
    @Test
    void ctrlCAbortsTheOpenTransactionAndTheSameCommandContinues() throws Exception {
        String topic = "interrupted-replay";
        Process p = startSlowProducer(topic, "interrupted.out");
        try {
            awaitVisible(topic, 500, p, "interrupted.out");
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).inheritIO().start().waitFor();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the producer did not stop after SIGINT");
        } finally {
            p.destroyForcibly();
        }
        String output = Files.readString(dir.resolve("interrupted.out"));
        assertEquals(130, p.exitValue(), output);
        assertTrue(output.contains("replay interrupted") && output.contains("open transaction was aborted"), output);
        int visible = TopicReader.readCommitted(node.bootstrapServers(), topic).size();
        assertTrue(visible > 0 && visible < 9357, "interrupted mid-replay: " + visible);

        CliResult rerun = produce("--topic", topic, "--speed", "max", "--batch-size", "50");
        assertEquals(0, rerun.exitCode(), rerun.toString());
        assertTrue(rerun.out().contains("resumed after line:"), rerun.out());
        assertMatchesCsv(TopicReader.readCommitted(node.bootstrapServers(), topic), false);
    }

    /** The broker dies hard under a running replay and comes back: after a rerun, still every row exactly once. */
    @Test
    void aBrokerCrashMidReplayLosesAndDuplicatesNothing() throws Exception {
        String topic = "broker-crash-replay";
        Process p = startSlowProducer(topic, "crash.out");
        try {
            awaitVisible(topic, 500, p, "crash.out");
            node.killHard();
            node.restart();
            // The producer either rides out the restart (client retries) or stops with exit 4; both are fine.
            // Either way it is stopped hard after a few more seconds, and the rerun must fill in exactly the rest.
            p.waitFor(10, TimeUnit.SECONDS);
        } finally {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        CliResult rerun = produce("--topic", topic, "--speed", "max", "--batch-size", "50");
        assertEquals(0, rerun.exitCode(), rerun + "\n--- first run ---\n" + Files.readString(dir.resolve("crash.out")));
        assertMatchesCsv(TopicReader.readCommitted(node.bootstrapServers(), topic), false);
    }

    /**
     * The broker stops answering (frozen with SIGSTOP, as a cluster without quorum stops answering) while
     * the producer commits: within max.block.ms it ends with exit 4 and one line saying which rows are
     * committed, never a stack trace or Kafka's "previous call to commitTransaction timed out"; once the
     * broker is back the same command resumes, and every row is there exactly once.
     */
    @Test
    void aBrokerThatStopsAnsweringEndsTheReplayWithExit4AndTheSameCommandResumes() throws Exception {
        String topic = "frozen-broker-replay";
        Path config = Files.writeString(dir.resolve("short-block.properties"), "max.block.ms=5000\n");
        Process p = startSlowProducer(topic, "frozen.out", "--command-config", config.toString());
        try {
            awaitVisible(topic, 500, p, "frozen.out");
            signal("STOP", node.pid());
            try {
                assertTrue(p.waitFor(90, TimeUnit.SECONDS), "the producer did not end while the broker was frozen");
            } finally {
                signal("CONT", node.pid());
            }
        } finally {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        String output = Files.readString(dir.resolve("frozen.out"));
        assertEquals(4, p.exitValue(), output);
        assertTrue(output.contains("run the same command again"), output);
        assertFalse(output.contains("\tat ") || output.contains("IllegalStateException"), output);

        CliResult rerun = produce("--topic", topic, "--speed", "max", "--batch-size", "50");
        assertEquals(0, rerun.exitCode(), rerun + "\n--- first run ---\n" + output);
        assertTrue(rerun.out().contains("resumed after line:"), rerun.out());
        assertMatchesCsv(TopicReader.readCommitted(node.bootstrapServers(), topic), false);
    }

    private static void signal(String name, long pid) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start().waitFor(),
                "kill -" + name + " " + pid);
    }

    /**
     * Two replays share the checkpoint topic (two stations at once): one is killed and resumed while the
     * other keeps committing, and the resumed one still ends with every row exactly once.
     */
    @Test
    void aReplayResumesCorrectlyWhileAnotherReplayIsWritingCheckpoints() throws Exception {
        Process other = startSlowProducer("concurrent-other", "other.out");
        try {
            String topic = "concurrent-resumed";
            Process p = startSlowProducer(topic, "concurrent.out");
            try {
                awaitVisible(topic, 500, p, "concurrent.out");
            } finally {
                p.destroyForcibly();
                p.waitFor(30, TimeUnit.SECONDS);
            }
            assertTrue(other.isAlive(), "the other replay is still writing checkpoints");
            CliResult rerun = produce("--topic", topic, "--speed", "max", "--batch-size", "50");
            assertEquals(0, rerun.exitCode(), rerun.toString());
            assertTrue(rerun.out().contains("resumed after line:"), rerun.out());
            assertMatchesCsv(TopicReader.readCommitted(node.bootstrapServers(), topic), false);
        } finally {
            other.destroyForcibly();
            other.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private Process startSlowProducer(String topic, String outputFile, String... more) throws IOException {
        // 600,000 x real time = about 170 rows/s: slow enough to stop it half-way.
        List<String> args = Stream.concat(Stream.of(csv.toString(), "--bootstrap-server", node.bootstrapServers(),
                "--topic", topic, "--speed", "600000", "--batch-size", "50"), Stream.of(more)).toList();
        return JavaProcess.builder(ProduceCommand.class, dir.resolve("logs"), List.of(), args)
                .redirectErrorStream(true).redirectOutput(dir.resolve(outputFile).toFile()).start();
    }

    private void awaitVisible(String topic, int rows, Process p, String outputFile) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (TopicReader.readCommitted(node.bootstrapServers(), topic).size() < rows) {
            assertTrue(p.isAlive(), "the producer ended too early: " + Files.readString(dir.resolve(outputFile)));
            assertTrue(System.nanoTime() < deadline, rows + " rows not visible after 120 s");
            Thread.sleep(500);
        }
    }

    /** Every CSV data row exactly once, compared with a naive split of the file (no code shared with the producer). */
    private static void assertMatchesCsv(List<ConsumerRecord<byte[], byte[]>> records, boolean checkValues)
            throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.US_ASCII);
        Map<Long, String[]> expected = new HashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(";");
            if (f.length > 0 && !f[0].isEmpty()) {
                expected.put((long) i + 1, f);
            }
        }
        assertEquals(9357, expected.size());
        assertEquals(9357, records.size(), "record count");
        Set<Long> seen = new HashSet<>();
        int nulls = 0;
        for (ConsumerRecord<byte[], byte[]> r : records) {
            long line = Long.parseLong(MessageHeaders.text(r.headers(), MessageHeaders.SOURCE_LINE));
            assertTrue(seen.add(line), "line " + line + " arrived twice");
            String[] f = expected.get(line);
            assertNotNull(f, "line " + line + " is not a data row");
            assertEquals("AirQualityUCI", new String(r.key(), StandardCharsets.UTF_8));
            assertEquals("AirQualityUCI.csv", MessageHeaders.text(r.headers(), MessageHeaders.SOURCE_FILE));
            assertEquals("1", MessageHeaders.text(r.headers(), MessageHeaders.SCHEMA_VERSION));
            JsonNode v = JSON.readTree(r.value());
            String[] date = f[0].split("/");
            String timestamp = date[2] + "-" + date[1] + "-" + date[0] + "T" + f[1].replace('.', ':');
            assertEquals(timestamp, v.get("timestamp").asText(), "line " + line);
            assertEquals("AirQualityUCI", v.get("station").asText());
            if (!checkValues) {
                continue;
            }
            for (int c = 0; c < COLUMNS.length; c++) {
                double csvValue = Double.parseDouble(f[c + 2].replace(',', '.'));
                JsonNode j = v.get(COLUMNS[c]);
                assertNotNull(j, COLUMNS[c] + " missing at line " + line);
                if (csvValue == -200) {
                    assertTrue(j.isNull(), "line " + line + " " + COLUMNS[c] + " should be null: " + j);
                    nulls++;
                } else {
                    assertTrue(j.isNumber(), "line " + line + " " + COLUMNS[c]);
                    assertEquals(csvValue, j.doubleValue(), "line " + line + " " + COLUMNS[c]);
                }
            }
        }
        assertEquals(expected.keySet(), seen, "every data row exactly once");
        if (checkValues) {
            assertEquals(16_701, nulls, "nulls exactly where the CSV has -200");
        }
    }

    /** Reads the topic's log segments in the node's data directory: how the batches were really stored. */
    private void assertBatchesOnDiskAreGzipAndTransactional(String topic, int expectedRecords) throws IOException {
        List<Path> segments;
        try (Stream<Path> files = Files.walk(node.dataDir())) {
            segments = files.filter(p -> p.getFileName().toString().endsWith(".log")
                    && p.getParent().getFileName().toString().matches(java.util.regex.Pattern.quote(topic) + "-\\d+"))
                    .collect(Collectors.toList());
        }
        assertFalse(segments.isEmpty(), "no log segment of " + topic + " under " + node.dataDir());
        long records = 0;
        int dataBatches = 0;
        int markers = 0;
        for (Path segment : segments) {
            File file = segment.toFile();
            try (FileRecords log = FileRecords.open(file, false)) {
                for (FileChannelRecordBatch batch : log.batches()) {
                    assertTrue(batch.isTransactional(), "batch at offset " + batch.baseOffset() + " in " + segment);
                    if (batch.isControlBatch()) {
                        markers++;
                        continue;
                    }
                    dataBatches++;
                    assertEquals(CompressionType.GZIP, batch.compressionType(), "batch at " + batch.baseOffset());
                    records += batch.countOrNull();
                }
            }
        }
        assertEquals(expectedRecords, records, "records in data batches on disk");
        assertTrue(dataBatches > 0 && markers > 0, dataBatches + " data batches, " + markers + " commit markers");
    }
}
