package io.aqstream.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqstream.admin.ParquetFiles.Row;
import io.aqstream.common.Measurement;
import io.aqstream.common.cli.ExitCodes;
import io.aqstream.testkit.Cli;
import io.aqstream.testkit.CliResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryCommandTest {
    @TempDir
    Path processed;

    private static Row row(String station, String time, int partition, long offset, Double co, Double nox, Double t) {
        Map<Measurement, Double> values = new java.util.EnumMap<>(Measurement.class);
        if (co != null) {
            values.put(Measurement.CO_GT, co);
        }
        if (nox != null) {
            values.put(Measurement.NOX_GT, nox);
        }
        if (t != null) {
            values.put(Measurement.T, t);
        }
        return new Row(station, LocalDateTime.parse(time), partition, offset, values);
    }

    private void writeKnownFiles() throws Exception {
        Path topic = processed.resolve("air-quality-data");
        ParquetFiles.write(topic.resolve("air-quality-data+0+0000000000+0000000001.parquet"), List.of(
                row("S1", "2004-03-10T18:00:00", 0, 0, 2.6, 166.0, 13.6),
                row("S1", "2004-03-10T19:00:00", 0, 1, 2.0, null, -1.9)));
        ParquetFiles.write(topic.resolve("partition=1/air-quality-data+1+0000000000+0000000001.parquet"), List.of(
                row("S2", "2004-03-11T00:00:00", 1, 0, null, 100.0, 10.0),
                row("S2", "2004-03-09T23:00:00", 1, 1, 1.3, 103.0, null)));
        // In progress and marker files must be ignored, even though one ends in .parquet.
        Files.writeString(topic.resolve(".air-quality-data+0+0000000002.parquet.tmp"), "not parquet");
        Files.writeString(topic.resolve(".half-written.parquet"), "not parquet");
        Files.writeString(topic.resolve("_SUCCESS"), "");
    }

    /** The cells of the summary table row of one measurement (cells are separated by 2+ spaces). */
    private static List<String> cells(String out, Measurement m) {
        return out.lines().filter(l -> l.startsWith(m.column() + " ")).findFirst()
                .map(l -> Arrays.asList(l.trim().split("\\s{2,}")))
                .orElseThrow(() -> new AssertionError("no row for " + m.column() + " in\n" + out));
    }

    @Test
    void figuresOfAKnownFileSet() throws Exception {
        writeKnownFiles();
        CliResult r = Cli.run(new AdminCommand(), "summary", processed.toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        String out = r.out();
        assertTrue(out.startsWith("4 rows in 2 files under " + processed.resolve("air-quality-data").toAbsolutePath()), out);
        assertTrue(out.contains("stations: 2 (S1, S2)"), out);
        assertTrue(out.contains("time range: 2004-03-09T23:00 .. 2004-03-11T00:00 (local time)"), out);
        // MEASUREMENT, CSV, UNIT, COUNT, MISSING, MIN, MEAN, MAX
        assertEquals(List.of("co_gt", "CO(GT)", "mg/m^3", "3", "25.0%", "1.3", "1.967", "2.6"), cells(out, Measurement.CO_GT));
        assertEquals(List.of("nox_gt", "NOx(GT)", "ppb", "3", "25.0%", "100", "123", "166"), cells(out, Measurement.NOX_GT));
        assertEquals(List.of("t", "T", "degC", "3", "25.0%", "-1.9", "7.233", "13.6"), cells(out, Measurement.T));
        assertEquals(List.of("rh", "RH", "%", "0", "100.0%", "-", "-", "-"), cells(out, Measurement.RH));
        assertTrue(out.contains("duplicates: none on (kafka_partition, kafka_offset); none on (station, timestamp)"), out);
        assertEquals("", r.err());
    }

    @Test
    void duplicateOffsetsAndReadingsAreCounted() throws Exception {
        writeKnownFiles();
        // A rewrite of partition 0's first record, as a broken sink would leave behind.
        ParquetFiles.write(processed.resolve("air-quality-data/air-quality-data+0+0000000000+0000000000.parquet"), List.of(
                row("S1", "2004-03-10T18:00:00", 0, 0, 2.6, 166.0, 13.6)));
        CliResult r = Cli.run(new AdminCommand(), "summary", processed.toString());
        assertEquals(ExitCodes.UNHEALTHY, r.exitCode(), "duplicates fail the summary: " + r);
        assertTrue(r.out().startsWith("5 rows in 3 files"), r.out());
        assertTrue(r.out().contains("duplicates: 1 on (kafka_partition, kafka_offset); 1 on (station, timestamp)"), r.out());
        assertTrue(r.err().startsWith("error: " + processed.resolve("air-quality-data") + " is not one clean data set: 1"
                + " duplicate row on (kafka_partition, kafka_offset); 1 duplicate reading on (station, timestamp)."),
                r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
    }

    @Test
    void defaultFolderIsProcessedDataOfTheInstallation() throws Exception {
        writeKnownFiles();
        String previous = System.getProperty("aq.home");
        Path home = processed.getParent().resolve(processed.getFileName() + "-home");
        Files.createDirectories(home);
        Files.move(processed, home.resolve("processed_data"));
        try {
            System.setProperty("aq.home", home.toString());
            CliResult r = Cli.run(new AdminCommand(), "summary");
            assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
            assertTrue(r.out().startsWith("4 rows in 2 files under " + home.resolve("processed_data/air-quality-data")), r.out());
        } finally {
            if (previous == null) {
                System.clearProperty("aq.home");
            } else {
                System.setProperty("aq.home", previous);
            }
            Files.move(home.resolve("processed_data"), processed);
        }
    }

    @Test
    void noFilesIsAClearInputError() throws Exception {
        Files.createDirectories(processed.resolve("air-quality-data"));
        Files.writeString(processed.resolve("air-quality-data/.in-progress"), "x");
        CliResult r = Cli.run(new AdminCommand(), "summary", processed.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.toString());
        assertTrue(r.err().startsWith("error: no finished Parquet files under " + processed.resolve("air-quality-data")), r.err());
        assertTrue(r.err().contains("bin/consume"), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line, no stack trace: " + r.err());
    }

    @Test
    void missingFolderIsAClearInputError() {
        CliResult r = Cli.run(new AdminCommand(), "summary", processed.resolve("nope").toString());
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.toString());
        assertTrue(r.err().contains("no processed data folder at " + processed.resolve("nope")), r.err());
    }

    @Test
    void aFileThatIsNotParquetIsNamed() throws Exception {
        writeKnownFiles();
        Path bad = processed.resolve("air-quality-data/copied-by-hand.parquet");
        Files.writeString(bad, "this is not a parquet file at all");
        CliResult r = Cli.run(new AdminCommand(), "summary", processed.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.toString());
        assertTrue(r.err().startsWith("error: " + bad + ": not a readable Parquet file"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }
}
