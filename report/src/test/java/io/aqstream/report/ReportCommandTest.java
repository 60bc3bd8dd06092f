package io.aqstream.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.processed.ProcessedData;
import io.aqstream.testkit.Cli;
import io.aqstream.testkit.CliResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/aq-report on small Parquet folders written by DuckDB's own COPY (a writer this project did not write):
 * the report of a schema it has never seen (Beijing-like columns), and every bad input as one line and exit 3.
 */
class ReportCommandTest {
    @TempDir
    Path dir;

    /** Two stations, two hours, a made-up layout: pm25 with one NULL and one NaN, temp, and lineage columns. */
    private void writeParquet(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement s = db.createStatement()) {
            s.execute("COPY (SELECT * FROM (VALUES"
                    + " ('Dongsi', TIMESTAMP '2013-03-01 00:00:00', 4.0::DOUBLE, 1.5::DOUBLE, 0, 0::BIGINT),"
                    + " ('Dongsi', TIMESTAMP '2013-03-01 01:00:00', 8.0, NULL, 0, 1),"
                    + " ('Tiantan', TIMESTAMP '2013-03-01 00:00:00', NULL, 2.5, 1, 0),"
                    + " ('Tiantan', TIMESTAMP '2013-04-01 01:00:00', 'NaN'::DOUBLE, 3.5, 1, 1))"
                    + " AS t(station, timestamp, pm25, temp, kafka_partition, kafka_offset)) TO '" + file
                    + "' (FORMAT parquet)");
        }
    }

    private JsonNode reportData(Path html) throws Exception {
        String page = Files.readString(html, StandardCharsets.UTF_8);
        String open = "id=\"" + HtmlReport.DATA_ELEMENT_ID + "\">";
        int start = page.indexOf(open) + open.length();
        return new ObjectMapper().readTree(page.substring(start, page.indexOf("</script>", start)));
    }

    @Test
    void reportsAnyLayoutFromItsSchema() throws Exception {
        writeParquet(dir.resolve("beijing/beijing+0+00000000000000000000+00000000000000000003.parquet"));
        CliResult r = Cli.run(new ReportCommand(), "--data", dir.toString());
        assertEquals(0, r.exitCode(), r.toString());
        Path html = dir.resolve("beijing" + ProcessedData.REPORT_SUFFIX);
        assertEquals(html.toString(), r.out().trim());
        JsonNode d = reportData(html);
        assertEquals("[{\"name\":\"pm25\"},{\"name\":\"temp\"}]", d.get("columns").toString());
        assertEquals(4, d.at("/overview/rows").asLong());
        assertEquals(2, d.at("/overview/stations").size());
        // March: 3 rows, pm25 missing in 1 (NULL); April: 1 row, pm25 NaN counts as missing.
        assertEquals("[\"2013-03\",\"2013-04\"]", d.at("/missing/months").toString());
        assertEquals("[[0,0,0.33333333333333337],[0,1,0.33333333333333337],[1,0,1.0],[1,1,0.0]]",
                d.at("/missing/share").toString());
        assertEquals(4.0, d.at("/hour/pm25/0").asDouble());
        assertEquals(8.0, d.at("/hour/pm25/1").asDouble());
        assertEquals("8.0", d.at("/worst/pm25/0/value").asText());
        assertEquals(2, d.at("/worst/pm25").size());
        assertTrue(d.get("credit").asText().startsWith("source not recorded"), d.toString());
        assertTrue(Files.readString(html).contains("echarts"), "ECharts is inlined");
    }

    @Test
    void filtersByStationAndTime() throws Exception {
        writeParquet(dir.resolve("t/t+0+00000000000000000000+00000000000000000003.parquet"));
        Path out = dir.resolve("r.html");
        CliResult r = Cli.run(new ReportCommand(), "--data", dir.resolve("t").toString(), "--station", "Tiantan",
                "--to", "2013-03-31", "-o", out.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(1, reportData(out).at("/overview/rows").asLong());
    }

    @Test
    void longSeriesAreDrawnByWeekSoTheReportStaysBounded() throws Exception {
        Path file = dir.resolve("t/t+0+00000000000000000000+00000000000000059999.parquet");
        Files.createDirectories(file.getParent());
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement s = db.createStatement()) {
            s.execute("COPY (SELECT 'S' AS station, TIMESTAMP '1900-01-01 12:00:00' + INTERVAL 1 DAY * i AS timestamp,"
                    + " i::DOUBLE AS v FROM range(60000) r(i)) TO '" + file + "' (FORMAT parquet)");
        }
        Path out = dir.resolve("r.html");
        assertEquals(0, Cli.run(new ReportCommand(), "--data", dir.toString(), "-o", out.toString()).exitCode());
        JsonNode daily = reportData(out).get("daily");
        assertEquals("week", daily.get("bucket").asText(), "60,000 days are more than " + ReportQueries.MAX_LINE_POINTS);
        assertEquals(8572, daily.at("/stations/S/days").size());
        assertEquals("1900-01-01", daily.at("/stations/S/days/0").asText(), "weeks start on Monday, 1900-01-01 was one");
        assertEquals(3.0, daily.at("/stations/S/means/v/0").asDouble(), "mean of days 0..6");
    }

    private void assertBadInput(String expected, String... args) {
        CliResult r = Cli.run(new ReportCommand(), args);
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.toString());
        assertEquals(1, r.err().lines().filter(l -> l.startsWith("error: ")).count(), r.toString());
        assertTrue(r.err().contains(expected), r.toString());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r);
    }

    @Test
    void missingOrEmptyFolder() throws Exception {
        assertBadInput("no processed data folder", "--data", dir.resolve("nope").toString());
        assertBadInput("is empty", "--data", dir.toString());
    }

    @Test
    void noParquet() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "x");
        assertBadInput("no Parquet files", "--data", dir.toString());
    }

    @Test
    void inProgressFileOnly() throws Exception {
        Path topic = Files.createDirectories(dir.resolve("air-quality-data"));
        Files.writeString(topic.resolve(".air-quality-data+0+00000000000000000000.inprogress"), "x");
        assertBadInput("still writing 1 file", "--data", dir.toString());
    }

    @Test
    void twoDataSetsNeedTopic() throws Exception {
        writeParquet(dir.resolve("a/a+0+00000000000000000000+00000000000000000003.parquet"));
        writeParquet(dir.resolve("b/b+0+00000000000000000000+00000000000000000003.parquet"));
        assertBadInput("holds 2 data sets (a, b)", "--data", dir.toString());
        assertEquals(0, Cli.run(new ReportCommand(), "--data", dir.toString(), "--topic", "b").exitCode());
        assertBadInput("no folder for topic c", "--data", dir.toString(), "--topic", "c");
    }

    @Test
    void unknownStationAndEmptyRange() throws Exception {
        writeParquet(dir.resolve("a/a+0+00000000000000000000+00000000000000000003.parquet"));
        assertBadInput("no station Nowhere in", "--data", dir.toString(), "--station", "Nowhere");
        assertBadInput("match --from/--to", "--data", dir.toString(), "--from", "2020-01-01");
    }

    @Test
    void twoLayoutsInOneFolder() throws Exception {
        writeParquet(dir.resolve("t/t+0+00000000000000000000+00000000000000000003.parquet"));
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement s = db.createStatement()) {
            s.execute("COPY (SELECT 'X' AS station, TIMESTAMP '2004-03-10 18:00:00' AS timestamp, 2.6 AS co_gt)"
                    + " TO '" + dir.resolve("t/t+1+00000000000000000000+00000000000000000000.parquet") + "' (FORMAT parquet)");
        }
        assertBadInput("do not all have the same columns", "--data", dir.toString());
    }

    @Test
    void badTimeOrMemoryLimitIsAUsageError() throws Exception {
        CliResult r = Cli.run(new ReportCommand(), "--data", dir.toString(), "--from", "yesterday");
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.toString());
        writeParquet(dir.resolve("a/a+0+00000000000000000000+00000000000000000003.parquet"));
        r = Cli.run(new ReportCommand(), "--data", dir.toString(), "--memory-limit", "lots");
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.toString());
        assertTrue(r.err().contains("--memory-limit lots: not a size"), r.toString());
    }
}
