package io.aqstream.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqstream.testkit.KraftTestNode;
import io.aqstream.testkit.RepoFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/pipeline as a user runs it, on the real data set, against a running node (so it starts none):
 * the script's produce, consume and summary steps, then the Parquet read back with parquet-avro's own
 * reader and compared with the CSV parsed here independently.
 */
class PipelineScriptTest {
    @TempDir
    static Path dir;
    static KraftTestNode node;

    @BeforeAll
    static void startNode() {
        node = KraftTestNode.start(dir.resolve("node"));
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void replaysTheRealFileIntoParquetAndSummarisesIt() throws Exception {
        Path csv = RepoFiles.realCsv();
        Path output = dir.resolve("processed");
        Path stdout = dir.resolve("pipeline.out");
        Path stderr = dir.resolve("pipeline.err");
        ProcessBuilder pb = new ProcessBuilder("bash", RepoFiles.root().resolve("bin/pipeline").toString(),
                "--file", csv.toString(), "--output", output.toString(),
                "--bootstrap-server", node.bootstrapServers())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        // Run the scripts on this test's classpath instead of building dist/ (see bin/lib/aq.sh).
        pb.environment().put("AQ_CLASSPATH", System.getProperty("java.class.path"));
        pb.environment().put("AQ_LOGS_DIR", dir.resolve("logs").toString());
        Process process = pb.start();
        boolean done = process.waitFor(10, TimeUnit.MINUTES); // a hang guard, not a performance expectation
        if (!done) {
            process.destroyForcibly();
        }
        String out = Files.readString(stdout);
        String err = Files.readString(stderr);
        assertTrue(done, "bin/pipeline did not finish\n" + out + err);
        assertEquals(0, process.exitValue(), () -> "stdout:\n" + out + "\nstderr:\n" + err);

        List<String[]> expected = csvRows(csv);
        assertEquals(9357, expected.size());
        List<GenericRecord> rows = readParquet(output.resolve("air-quality-data"));
        assertEquals(expected.size(), rows.size(), "rows in processed_data");
        Set<String> lineage = new HashSet<>();
        Set<LocalDateTime> timestamps = new HashSet<>();
        int nullNox = 0;
        for (GenericRecord r : rows) {
            lineage.add(r.get("kafka_partition") + "@" + r.get("kafka_offset"));
            timestamps.add(localTime(r.get("timestamp")));
            if (r.get("nox_gt") == null) {
                nullNox++;
            }
        }
        assertEquals(rows.size(), lineage.size(), "every Kafka record exactly once");
        assertEquals(rows.size(), timestamps.size(), "every CSV row exactly once");
        long expectedNullNox = expected.stream().filter(f -> Double.parseDouble(f[7].replace(',', '.')) == -200).count();
        assertEquals(expectedNullNox, nullNox, "NOx(GT) missing exactly where the CSV says -200");

        // The summary printed at the end is computed from those files.
        assertTrue(out.contains("9357") || out.contains("9,357"), out);
        assertTrue(out.contains("nox_gt"), out);
        assertTrue(out.contains("2004-03-10") && out.contains("2005-04-04"), out);
    }

    /** The timestamp column as local clock time, whether the reader converted the logical type or not. */
    private static LocalDateTime localTime(Object value) {
        if (value instanceof LocalDateTime) {
            return (LocalDateTime) value;
        }
        long micros = (Long) value;
        return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                (int) Math.floorMod(micros, 1_000_000L) * 1000, java.time.ZoneOffset.UTC);
    }

    /** Data rows of the UCI file, split here without any project code. */
    private static List<String[]> csvRows(Path csv) throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(csv, StandardCharsets.US_ASCII)) {
            if (!line.isEmpty() && Character.isDigit(line.charAt(0))) {
                rows.add(line.split(";", -1));
            }
        }
        return rows;
    }

    private static List<GenericRecord> readParquet(Path folder) throws IOException {
        List<GenericRecord> rows = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".parquet")
                    && !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
        assertTrue(!files.isEmpty(), "no Parquet file in " + folder);
        for (Path file : files) {
            try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(new LocalInputFile(file))
                    .withConf(new Configuration(false)).build()) {
                for (GenericRecord r = reader.read(); r != null; r = reader.read()) {
                    rows.add(r);
                }
            }
        }
        return rows;
    }
}
