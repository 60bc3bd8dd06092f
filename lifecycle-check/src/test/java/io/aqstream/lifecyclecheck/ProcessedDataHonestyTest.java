package io.aqstream.lifecyclecheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqstream.admin.AdminCommand;
import io.aqstream.common.cli.ExitCodes;
import io.aqstream.consumer.ConsumeCommand;
import io.aqstream.kraft.ProcessExit;
import io.aqstream.kraft.StartOver;
import io.aqstream.producer.GenerateCommand;
import io.aqstream.producer.ProduceCommand;
import io.aqstream.testkit.BinScript;
import io.aqstream.testkit.Cli;
import io.aqstream.testkit.CliResult;
import io.aqstream.testkit.KraftTestNode;
import io.aqstream.testkit.RepoFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * processed_data/ stays one honest data set through what a student does in the first hour: a second data
 * set, a reset of the node, a deleted output folder, a look at the output while files are still open,
 * and starting over. Real nodes, the real file, the commands as users run them, and the Parquet read back
 * with DuckDB (no code of the pipeline).
 */
class ProcessedDataHonestyTest {
    private static final int REAL_ROWS = 9357;
    private static final String NL = System.lineSeparator();

    @TempDir
    Path dir;

    @Test
    void thePipelineRefusesToMixASecondDataSetIntoTheTopicAndProcessedData() throws Exception {
        Path csv = RepoFiles.realCsv();
        Path sample = dir.resolve("AirQualityUCI-sample.csv");
        CliResult generated = Cli.run(new GenerateCommand(), "--hours", "9357", "--seed", "42", "--empty-rows", "114",
                "-o", sample.toString());
        assertEquals(0, generated.exitCode(), generated.toString());
        Path output = dir.resolve("processed");
        try (KraftTestNode node = KraftTestNode.start(dir.resolve("node"))) {
            BinScript.Result first = pipeline(node, sample, output);
            assertEquals(0, first.exitCode(), first.toString());

            BinScript.Result second = pipeline(node, csv, output);
            assertEquals(ExitCodes.BAD_INPUT, second.exitCode(), second.toString());
            assertTrue(second.err().contains("error: air-quality-data already holds another data set:"
                    + " AirQualityUCI-sample.csv (station AirQualityUCI-sample, 9,357 rows)"), second.err());
            assertTrue(second.err().contains("nothing was sent") && second.err().contains("bin/start-over"), second.err());
        }
        Counts counts = Counts.of(output.resolve("air-quality-data"));
        assertEquals(REAL_ROWS, counts.rows, "only the sample, never both");
        assertEquals(List.of("AirQualityUCI-sample"), counts.stations);
    }

    @Test
    void afterAResetConsumingOverTheOldFolderIsRefusedWritesNothingAndAMixedFolderFailsTheSummary() throws Exception {
        Path csv = RepoFiles.realCsv();
        Path output = dir.resolve("processed");
        Path topicFolder = output.resolve("air-quality-data");
        try (KraftTestNode before = KraftTestNode.start(dir.resolve("node-before"))) {
            produce(before, csv);
            assertEquals(0, consume(before, output, "aq-stream-parquet").exitCode());
        }
        Map<String, Long> filesBefore = listing(topicFolder);
        Path otherOutput = dir.resolve("processed-after");
        // A reset gives a new cluster and a new topic whose offsets start at 0 again: a fresh node is exactly that.
        try (KraftTestNode after = KraftTestNode.start(dir.resolve("node-after"))) {
            produce(after, csv);
            CliResult refused = consume(after, output, "aq-stream-parquet");
            assertEquals(ExitCodes.BAD_INPUT, refused.exitCode(), refused.toString());
            assertTrue(refused.err().contains(topicFolder + " holds 1 Parquet file of another incarnation of topic"
                    + " air-quality-data"), refused.err());
            assertTrue(refused.err().contains("nothing was written") && refused.err().contains("mv " + topicFolder)
                    && refused.err().contains("--output DIR") && refused.err().contains("bin/start-over"), refused.err());
            assertEquals(filesBefore, listing(topicFolder), "the old folder is left exactly as it was");

            CliResult elsewhere = consume(after, otherOutput, "aq-stream-parquet");
            assertEquals(0, elsewhere.exitCode(), elsewhere.toString());
            assertTrue(elsewhere.out().contains("rows written:    " + REAL_ROWS), elsewhere.out());
        }
        assertEquals(0, summary(topicFolder).exitCode(), "one incarnation, no duplicates");

        // What the consumer used to do silently: the old topic's files and the new one's in one folder.
        Path mixed = Files.createDirectories(dir.resolve("mixed").resolve("air-quality-data"));
        for (Path f : parquetFiles(topicFolder)) {
            Files.copy(f, mixed.resolve("old-" + f.getFileName()));
        }
        for (Path f : parquetFiles(otherOutput.resolve("air-quality-data"))) {
            Files.copy(f, mixed.resolve("new-" + f.getFileName()));
        }
        CliResult mixedSummary = summary(mixed);
        assertEquals(ExitCodes.UNHEALTHY, mixedSummary.exitCode(), mixedSummary.toString());
        assertTrue(mixedSummary.out().contains("18,714 rows in 2 files"), mixedSummary.out());
        assertEquals(2, mixedSummary.out().lines().filter(l -> l.startsWith("source: topic air-quality-data")).count(),
                mixedSummary.out());
        assertTrue(mixedSummary.err().contains("is not one clean data set: its files come from 2 topic incarnations (see 'source' above); "
                + "9,357 duplicate rows on (kafka_partition, kafka_offset); 9,357 duplicate readings on (station,"
                + " timestamp)"), mixedSummary.err());
    }

    @Test
    void aDeletedFolderIsNotAnEmptyRunAndFromBeginningRewritesItExactlyOnce() throws Exception {
        Path csv = RepoFiles.realCsv();
        Path output = dir.resolve("processed");
        Path topicFolder = output.resolve("air-quality-data");
        try (KraftTestNode node = KraftTestNode.start(dir.resolve("node"))) {
            produce(node, csv);
            assertEquals(0, consume(node, output, "g").exitCode());
            deleteTree(topicFolder);

            CliResult refused = consume(node, output, "g");
            assertEquals(ExitCodes.BAD_INPUT, refused.exitCode(), refused.toString());
            assertTrue(refused.err().contains("group g has already consumed air-quality-data partition "), refused.err());
            assertTrue(refused.err().contains(" up to offset ") && refused.err().contains(topicFolder + " holds no file"
                    + " of it") && refused.err().contains("bin/consume --from-beginning"), refused.err());
            assertTrue(parquetFiles(topicFolder).isEmpty(), "nothing written");

            CliResult rewritten = consume(node, output, "g", "--from-beginning");
            assertEquals(0, rewritten.exitCode(), rewritten.toString());
            assertTrue(rewritten.out().contains("rows written:    " + REAL_ROWS), rewritten.out());
            assertTrue(rewritten.err().contains("--from-beginning: starting at offset 0"), rewritten.err());

            CliResult again = consume(node, output, "g");
            assertEquals(0, again.exitCode(), again.toString());
            assertTrue(again.out().contains("rows written:    0"), "the folder holds everything: " + again.out());
        }
        Counts counts = Counts.of(topicFolder);
        assertEquals(REAL_ROWS, counts.rows);
        assertEquals(REAL_ROWS, counts.distinctReadings);
        assertEquals(REAL_ROWS, counts.distinctOffsets);
    }

    @Test
    void summaryAndLagTellFilesStillOpenFromNothingConsumed() throws Exception {
        Path output = dir.resolve("processed");
        Path topicFolder = output.resolve("air-quality-data");
        try (KraftTestNode node = KraftTestNode.start(dir.resolve("node"))) {
            Files.createDirectories(topicFolder);
            CliResult nothing = summary(topicFolder);
            assertEquals(ExitCodes.BAD_INPUT, nothing.exitCode(), nothing.toString());
            assertTrue(nothing.err().contains("no finished Parquet files under " + topicFolder + ". Run bin/consume"),
                    nothing.err());

            produce(node, RepoFiles.realCsv());
            // Files stay open for the roll interval: a consumer that is still writing, as in the course workflow.
            CompletableFuture<CliResult> consumer = CompletableFuture.supplyAsync(() -> consume(node, output, "g-open",
                    "--roll-interval", "600", "--idle-flush", "600", "--stop-after-idle", "20"));
            waitFor(() -> inProgressFiles(topicFolder) > 0 || consumer.isDone(), "an in-progress file");
            assertFalse(consumer.isDone(), () -> "consumer ended early: " + consumer.join());

            CliResult open = summary(topicFolder);
            assertEquals(ExitCodes.BAD_INPUT, open.exitCode(), open.toString());
            assertTrue(open.err().contains("no finished Parquet file under " + topicFolder + " yet: bin/consume is still writing 1 file."
                    + " Rows become visible within 600 s of being opened (its"
                    + " --roll-interval), or 600 s after their last row (--idle-flush)"), open.err());
            CliResult lag = Cli.run(new AdminCommand(), "lag", "--group", "g-open", "--bootstrap-server",
                    node.bootstrapServers());
            assertEquals(0, lag.exitCode(), lag.toString());
            assertTrue(lag.out().contains("no committed offsets yet: 1 member reading."), lag.out());

            CliResult finished = consumer.get(3, TimeUnit.MINUTES);
            assertEquals(0, finished.exitCode(), finished.toString());
            assertTrue(finished.out().contains("rows written:    " + REAL_ROWS), finished.out());
        }
        assertEquals(0, summary(topicFolder).exitCode());
    }

    @Test
    void startOverClearsKafkaAndProcessedDataSoAReplayGivesEveryRowOnce() throws Exception {
        Path csv = RepoFiles.realCsv();
        Path output = dir.resolve("processed");
        Path topicFolder = output.resolve("air-quality-data");
        Path notOurs = Files.createDirectories(output.resolve("my-notes"));
        Files.writeString(notOurs.resolve("analysis.txt"), "keep me");
        KraftTestNode first = KraftTestNode.start(dir.resolve("node"));
        try {
            produce(first, csv);
            assertEquals(0, consume(first, output, "aq-stream-parquet").exitCode());
            List<String> args = new ArrayList<>(first.configArguments());
            args.addAll(List.of("--output", output.toString()));

            CliResult no = Cli.run(new StartOver(new BufferedReader(new StringReader("no\n"))), args.toArray(new String[0]));
            assertEquals(0, no.exitCode(), no.toString());
            assertTrue(no.out().contains("Nothing deleted."), no.out());
            assertTrue(no.err().contains("bin/start-over will:" + NL + "  - stop the KRaft node (pid " + first.pid() + ")"),
                    no.err());
            assertTrue(no.err().contains("  - delete the node's data in " + first.dataDir()), no.err());
            assertTrue(no.err().contains("  - delete " + topicFolder + " (1 Parquet file)" + NL + "Type 'yes'"), no.err());
            CliResult closed = Cli.run(new StartOver(new BufferedReader(new StringReader(""))), args.toArray(new String[0]));
            assertEquals(ExitCodes.USAGE, closed.exitCode(), closed.toString());
            assertTrue(closed.err().contains("bin/start-over --yes"), closed.err());
            assertTrue(Files.isDirectory(topicFolder));

            args.add("--yes");
            CliResult over = Cli.run(new StartOver(), args.toArray(new String[0]));
            assertEquals(0, over.exitCode(), over.toString());
            assertTrue(over.out().startsWith("Started over. Done:" + NL + "  - stop the KRaft node (pid " + first.pid() + ")"),
                    over.out());
            assertTrue(ProcessExit.ended(first.pid()), "node stopped");
            assertFalse(Files.exists(first.dataDir()), "Kafka's data deleted");
            assertFalse(Files.exists(topicFolder), "the Parquet made from it deleted");
            assertEquals("keep me", Files.readString(notOurs.resolve("analysis.txt")), "a folder it did not write is kept");
        } finally {
            first.close();
        }
        try (KraftTestNode fresh = KraftTestNode.start(dir.resolve("node"))) {
            CliResult produced = produce(fresh, csv);
            assertTrue(produced.out().contains("rows sent:          " + REAL_ROWS), "replayed afresh: " + produced.out());
            CliResult consumed = consume(fresh, output, "aq-stream-parquet");
            assertEquals(0, consumed.exitCode(), consumed.toString());
        }
        Counts counts = Counts.of(topicFolder);
        assertEquals(REAL_ROWS, counts.rows);
        assertEquals(REAL_ROWS, counts.distinctReadings, "no duplicate (station, timestamp)");
        assertEquals(0, summary(topicFolder).exitCode());
    }

    // ---- the commands, as a user runs them ----

    private static CliResult produce(KraftTestNode node, Path csv) {
        CliResult r = Cli.run(new ProduceCommand(), csv.toString(), "--bootstrap-server", node.bootstrapServers(),
                "--speed", "max");
        assertEquals(0, r.exitCode(), r.toString());
        return r;
    }

    private static CliResult consume(KraftTestNode node, Path output, String group, String... more) {
        List<String> args = new ArrayList<>(List.of("--bootstrap-server", node.bootstrapServers(), "--output",
                output.toString(), "--group", group, "--progress", "0"));
        args.addAll(List.of(more));
        if (!args.contains("--stop-after-idle")) {
            // Every replay here has committed before its consumer starts: stop once all of it is read, as the
            // pipeline's consumer does, instead of after 3 idle seconds each time.
            args.addAll(List.of("--stop-at-end", "--stop-after-idle", "3"));
        }
        return Cli.run(new ConsumeCommand(), args.toArray(new String[0]));
    }

    private static CliResult summary(Path folder) {
        return Cli.run(new AdminCommand(), "summary", folder.toString());
    }

    /** bin/pipeline on this test's classpath (nothing is built), against {@code node}. */
    private BinScript.Result pipeline(KraftTestNode node, Path csv, Path output) throws IOException, InterruptedException {
        BinScript.Result run = BinScript.run(dir.resolve("scripts"), 10, "pipeline", List.of("--file", csv.toString(),
                "--output", output.toString(), "--bootstrap-server", node.bootstrapServers()));
        assertTrue(run.finished(), run.toString());
        return run;
    }

    // ---- reading the folder without the pipeline's code ----

    /** Row counts read by DuckDB. */
    private record Counts(long rows, long distinctReadings, long distinctOffsets, List<String> stations) {
        static Counts of(Path folder) throws Exception {
            String glob = folder.resolve("*.parquet").toString().replace("'", "''");
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
                ResultSet r = s.executeQuery("SELECT count(*), count(DISTINCT station || '|' || CAST(timestamp AS VARCHAR)),"
                        + " count(DISTINCT CAST(kafka_partition AS VARCHAR) || '@' || CAST(kafka_offset AS VARCHAR)), string_agg(DISTINCT station, ',')"
                        + " FROM read_parquet('" + glob + "')");
                r.next();
                return new Counts(r.getLong(1), r.getLong(2), r.getLong(3), List.of(r.getString(4).split(",")));
            }
        }
    }

    private static List<Path> parquetFiles(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
        }
    }

    private static long inProgressFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".inprogress")).count();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Every file's name and size: what "left exactly as it was" means here. */
    private static Map<String, Long> listing(Path folder) throws IOException {
        Map<String, Long> result = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path p : files.toList()) {
                result.put(p.getFileName().toString(), Files.size(p));
            }
        }
        return result;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2); // a hang guard only
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within 2 minutes");
            }
            Thread.sleep(100);
        }
    }
}
