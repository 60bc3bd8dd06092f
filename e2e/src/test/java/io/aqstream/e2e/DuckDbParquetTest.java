package io.aqstream.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqstream.testkit.RepoFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * DuckDB (its own Parquet reader, in C++; nothing here wrote it) reads the Parquet output of the shared
 * bin/pipeline run on the real file: the rows equal the CSV, the timestamp column is a plain TIMESTAMP,
 * missing values are NULL, and the README's DuckDB query works as printed.
 */
@ExtendWith(RealFilePipeline.Resolver.class)
class DuckDbParquetTest {
    static RealFilePipeline pipeline;
    static CsvRows csv;
    static Connection duckdb;
    /** {@code read_parquet('<output>/air-quality-data/**}{@code /*.parquet')}. */
    static String table;

    @BeforeAll
    static void open(RealFilePipeline run) throws Exception {
        pipeline = run;
        run.assertSucceeded();
        csv = CsvRows.read(run.csv());
        Class.forName("org.duckdb.DuckDBDriver");
        duckdb = DriverManager.getConnection("jdbc:duckdb:");
        table = "read_parquet('" + run.output().resolve("air-quality-data") + "/**/*.parquet')";
    }

    @AfterAll
    static void close() throws SQLException {
        if (duckdb != null) {
            duckdb.close();
        }
    }

    @Test
    void columnsHaveTheContractTypes() throws SQLException {
        Map<String, String> types = new LinkedHashMap<>();
        try (Statement s = duckdb.createStatement();
             ResultSet rs = s.executeQuery("DESCRIBE SELECT * FROM " + table)) {
            while (rs.next()) {
                types.put(rs.getString("column_name"), rs.getString("column_type"));
            }
        }
        assertEquals("VARCHAR", types.get("station"), types.toString());
        // A plain TIMESTAMP: local clock time, not TIMESTAMP WITH TIME ZONE, BIGINT or VARCHAR.
        assertEquals("TIMESTAMP", types.get("timestamp"), types.toString());
        for (String column : CsvRows.COLUMNS) {
            assertEquals("DOUBLE", types.get(column), column + " in " + types);
        }
        assertEquals(List.of("TIMESTAMP"), strings("SELECT DISTINCT typeof(timestamp) FROM " + table));
    }

    @Test
    void countsAndTimeRangeMatchTheDataSet() throws SQLException {
        List<String> r = row("SELECT count(*), count(DISTINCT timestamp), count(DISTINCT (kafka_partition, kafka_offset)),"
                + " CAST(min(timestamp) AS VARCHAR), CAST(max(timestamp) AS VARCHAR),"
                + " count(nox_gt), count(co_gt) FROM " + table);
        assertEquals(List.of("9357", "9357", "9357", "2004-03-10 18:00:00", "2005-04-04 14:00:00", "7718", "7674"), r);

        // Every measurement: as many values as the CSV has non -200 cells.
        String counts = CsvRows.COLUMNS.stream().map(c -> "count(" + c + ")").collect(Collectors.joining(", "));
        List<String> present = row("SELECT " + counts + " FROM " + table);
        List<String> expected = CsvRows.COLUMNS.stream().map(c -> Long.toString(csv.present(c))).toList();
        assertEquals(expected, present, "non-NULL values per column " + CsvRows.COLUMNS);
    }

    @Test
    void noMissingMarkerAnywhere() throws SQLException {
        String anyMarker = CsvRows.COLUMNS.stream().map(c -> c + " = -200 OR isnan(" + c + ")")
                .collect(Collectors.joining(" OR "));
        assertEquals(List.of("0"), row("SELECT count(*) FROM " + table + " WHERE " + anyMarker));
        assertEquals(List.of("0"), row("SELECT count(*) FROM " + table + " WHERE co_gt = -200"));
    }

    @Test
    void everyRowEqualsItsCsvLine() throws SQLException {
        String columns = String.join(", ", CsvRows.COLUMNS);
        List<String> mismatches = new ArrayList<>();
        int n = 0;
        try (Statement s = duckdb.createStatement();
             ResultSet rs = s.executeQuery("SELECT station, CAST(timestamp AS VARCHAR), " + columns
                     + " FROM " + table + " ORDER BY timestamp")) {
            while (rs.next()) {
                assertTrue(n < csv.rows.size(), "more rows than the CSV");
                CsvRows.Row expected = csv.rows.get(n++); // the CSV is in time order, one row per hour
                String where = "CSV line " + expected.line();
                assertEquals("AirQualityUCI", rs.getString(1), where);
                assertEquals(CsvRows.sqlTimestamp(expected.timestamp()), rs.getString(2), where);
                for (int m = 0; m < CsvRows.COLUMNS.size(); m++) {
                    double v = rs.getDouble(3 + m);
                    Double actual = rs.wasNull() ? null : v;
                    if (!Objects.equals(expected.values()[m], actual)) {
                        mismatches.add(where + " " + CsvRows.COLUMNS.get(m) + ": CSV " + expected.values()[m]
                                + ", DuckDB " + actual);
                    }
                }
            }
        }
        assertEquals(csv.rows.size(), n, "rows");
        assertTrue(mismatches.isEmpty(), mismatches.size() + " mismatches, first: "
                + mismatches.subList(0, Math.min(10, mismatches.size())));
    }

    @Test
    void specificLinesHoldTheirCsvValues() throws SQLException {
        // Line 2 (the first row, also the JSON example of docs/contracts.md), a row with -200 and -200,0 cells,
        // the last row.
        assertRow("2004-03-10 18:00:00", 2.6, 1360.0, 150.0, 11.9, 1046.0, 166.0, 1056.0, 113.0, 1692.0, 1268.0,
                13.6, 48.9, 0.7578);
        assertRow("2004-04-01 14:00:00", 1.7, null, 222.0, null, null, 99.0, null, 72.0, null, null, null, null, null);
        assertRow("2005-04-04 14:00:00", 2.2, 1071.0, null, 11.9, 1047.0, 265.0, 654.0, 168.0, 1129.0, 816.0,
                28.5, 13.1, 0.5028);
        // and the same three lines as split from the file here
        for (int line : new int[] {2, 526, 9358}) {
            CsvRows.Row r = csv.byLine.get(line);
            assertNotNull(r, "line " + line);
            assertRow(CsvRows.sqlTimestamp(r.timestamp()), r.values());
        }
    }

    private static void assertRow(String timestamp, Double... expected) throws SQLException {
        String columns = String.join(", ", CsvRows.COLUMNS);
        try (Statement s = duckdb.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + columns + " FROM " + table
                     + " WHERE timestamp = TIMESTAMP '" + timestamp + "'")) {
            assertTrue(rs.next(), "no row at " + timestamp);
            for (int m = 0; m < expected.length; m++) {
                double v = rs.getDouble(1 + m);
                if (expected[m] == null) {
                    assertTrue(rs.wasNull(), timestamp + " " + CsvRows.COLUMNS.get(m) + " should be NULL, is " + v);
                } else {
                    assertFalse(rs.wasNull(), timestamp + " " + CsvRows.COLUMNS.get(m) + " is NULL");
                    assertEquals(expected[m], v, timestamp + " " + CsvRows.COLUMNS.get(m));
                }
            }
            assertFalse(rs.next(), "two rows at " + timestamp);
        }
    }

    /** The DuckDB query exactly as README.md prints it, on this run's output folder: one row per day. */
    @Test
    void readmeDailyNoxQueryGives391Days() throws Exception {
        String readme = Files.readString(RepoFiles.root().resolve("README.md"), StandardCharsets.UTF_8);
        Matcher block = Pattern.compile("or DuckDB[^\\n]*:\\s*```sql\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertTrue(block.find(), "README.md has no DuckDB query after 'or DuckDB ...:'");
        String sql = block.group(1).trim();
        assertTrue(sql.contains("'processed_data/"), sql);
        sql = sql.replace("'processed_data/", "'" + pipeline.output() + "/");
        if (sql.endsWith(";")) {
            sql = sql.substring(0, sql.length() - 1);
        }

        // Expected per day, from the CSV: average NOx over the hours that have it, and the hours without.
        Map<LocalDate, double[]> days = new LinkedHashMap<>(); // sum, present, missing
        int nox = CsvRows.COLUMNS.indexOf("nox_gt");
        for (CsvRows.Row r : csv.rows) {
            double[] d = days.computeIfAbsent(r.timestamp().toLocalDate(), k -> new double[3]);
            Double v = r.values()[nox];
            if (v == null) {
                d[2]++;
            } else {
                d[0] += v;
                d[1]++;
            }
        }
        assertEquals(391, days.size());

        List<String> mismatches = new ArrayList<>();
        List<LocalDate> seen = new ArrayList<>();
        try (Statement s = duckdb.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertEquals("day", rs.getMetaData().getColumnLabel(1));
            assertEquals("nox", rs.getMetaData().getColumnLabel(2));
            assertEquals("nox_missing", rs.getMetaData().getColumnLabel(3));
            while (rs.next()) {
                LocalDate day = LocalDate.parse(rs.getString("day").substring(0, 10));
                seen.add(day);
                double avg = rs.getDouble("nox");
                Double actualAvg = rs.wasNull() ? null : avg;
                long missing = rs.getLong("nox_missing");
                double[] d = days.get(day);
                if (d == null) {
                    mismatches.add(day + ": not a day of the CSV");
                    continue;
                }
                Double expectedAvg = d[1] == 0 ? null : d[0] / d[1];
                boolean avgOk = expectedAvg == null ? actualAvg == null
                        : actualAvg != null && Math.abs(expectedAvg - actualAvg) <= 1e-9 * Math.max(1, Math.abs(expectedAvg));
                if (!avgOk || missing != (long) d[2]) {
                    mismatches.add(day + ": DuckDB nox=" + actualAvg + " missing=" + missing
                            + ", CSV nox=" + expectedAvg + " missing=" + (long) d[2]);
                }
            }
        }
        assertEquals(391, seen.size(), "days returned by the README query");
        assertEquals(new ArrayList<>(days.keySet()), seen, "days, in order");
        assertTrue(mismatches.isEmpty(), mismatches.toString());
    }

    private static List<String> row(String sql) throws SQLException {
        try (Statement s = duckdb.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            List<String> values = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                values.add(rs.getString(i));
            }
            assertFalse(rs.next(), sql);
            return values;
        }
    }

    private static List<String> strings(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement s = duckdb.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
