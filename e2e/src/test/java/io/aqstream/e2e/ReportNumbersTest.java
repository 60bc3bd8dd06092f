package io.aqstream.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The report bin/pipeline writes at its end, for the real UCI file: every number it shows (rows, missing
 * shares, daily, hourly and weekday means, correlations, highest hours) equals what this test computes
 * from the CSV itself ({@link CsvRows}: String.split, no project code, no DuckDB).
 */
@ExtendWith(RealFilePipeline.Resolver.class)
class ReportNumbersTest {
    /** Means and correlations are sums of thousands of doubles, added in another order by DuckDB. */
    private static final double CLOSE = 1e-9;
    static Path html;
    static JsonNode report;
    static CsvRows csv;

    @BeforeAll
    static void read(RealFilePipeline run) throws Exception {
        run.assertSucceeded();
        List<String> out = run.stdout().lines().toList();
        html = Path.of(out.get(out.size() - 1));
        assertEquals(run.output().resolve("air-quality-data-report.html").toAbsolutePath(), html, "the path on stdout's last line");
        assertTrue(Files.isRegularFile(html), html + " exists");
        report = ReportFile.data(html);
        csv = CsvRows.read(run.csv());
    }

    @Test
    void overview() {
        assertEquals(9357, report.at("/overview/rows").asLong());
        assertEquals("[\"AirQualityUCI\"]", report.at("/overview/stations").findValues("station").toString());
        assertEquals("2004-03-10 18:00", report.at("/overview/first").asText());
        assertEquals("2005-04-04 14:00", report.at("/overview/last").asText());
        assertTrue(report.get("credit").asText().contains("CC BY 4.0"), report.get("credit").asText());
        assertTrue(report.get("files").asInt() >= 1);
        List<String> columns = new ArrayList<>();
        report.get("columns").forEach(c -> columns.add(c.get("name").asText()));
        assertEquals(CsvRows.COLUMNS, columns, "the measurements, from the Parquet schema");
        assertEquals("mg/m^3", report.at("/columns/0/unit").asText());
    }

    @Test
    void missingSharePerColumnAndMonth() {
        Map<String, List<CsvRows.Row>> byMonth = group(r -> r.timestamp().format(DateTimeFormatter.ofPattern("yyyy-MM")));
        List<String> months = new ArrayList<>(byMonth.keySet());
        assertEquals(months, texts(report.at("/missing/months")));
        for (JsonNode cell : report.at("/missing/share")) {
            List<CsvRows.Row> rows = byMonth.get(months.get(cell.get(0).asInt()));
            int m = cell.get(1).asInt();
            double expected = (double) rows.stream().filter(r -> r.values()[m] == null).count() / rows.size();
            assertEquals(expected, cell.get(2).asDouble(), 1e-12, months.get(cell.get(0).asInt()) + " " + CsvRows.COLUMNS.get(m));
        }
        assertEquals(months.size() * CsvRows.COLUMNS.size(), report.at("/missing/share").size());
        // The example: NMHC(GT) is missing in about 90% of the rows overall.
        assertEquals(0.90, (double) csv.missing("nmhc_gt") / csv.rows.size(), 0.01);
    }

    @Test
    void dailyHourlyAndWeekdayMeans() {
        assertEquals("day", report.at("/daily/bucket").asText());
        assertMeans(group(r -> r.timestamp().toLocalDate().toString()), report.at("/daily/stations/AirQualityUCI"));
        Map<String, List<CsvRows.Row>> byHour = group(r -> String.format("%02d", r.timestamp().getHour()));
        Map<String, List<CsvRows.Row>> byDay = group(r -> String.valueOf(r.timestamp().getDayOfWeek().getValue()));
        for (int m = 0; m < CsvRows.COLUMNS.size(); m++) {
            String column = CsvRows.COLUMNS.get(m);
            for (int h = 0; h < 24; h++) {
                assertClose(mean(byHour.get(String.format("%02d", h)), m), report.at("/hour/" + column + "/" + h),
                        column + " hour " + h);
            }
            for (int d = 1; d <= 7; d++) {
                assertClose(mean(byDay.get(String.valueOf(d)), m), report.at("/weekday/" + column + "/" + (d - 1)),
                        column + " weekday " + d);
            }
        }
    }

    private void assertMeans(Map<String, List<CsvRows.Row>> byDay, JsonNode station) {
        assertEquals(new ArrayList<>(byDay.keySet()), texts(station.get("days")));
        assertEquals(391, byDay.size());
        for (int m = 0; m < CsvRows.COLUMNS.size(); m++) {
            String column = CsvRows.COLUMNS.get(m);
            int i = 0;
            for (Map.Entry<String, List<CsvRows.Row>> day : byDay.entrySet()) {
                assertClose(mean(day.getValue(), m), station.get("means").get(column).get(i++), column + " " + day.getKey());
            }
        }
    }

    @Test
    void correlations() {
        int n = CsvRows.COLUMNS.size();
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                assertClose(pearson(a, b), report.at("/correlation/" + a + "/" + b),
                        CsvRows.COLUMNS.get(a) + " / " + CsvRows.COLUMNS.get(b));
            }
        }
    }

    @Test
    void tenHighestHours() {
        for (int m = 0; m < CsvRows.COLUMNS.size(); m++) {
            int col = m;
            List<Double> expected = csv.rows.stream().map(r -> r.values()[col]).filter(v -> v != null)
                    .sorted((x, y) -> Double.compare(y, x)).limit(10).toList();
            List<Double> shown = new ArrayList<>();
            report.at("/worst/" + CsvRows.COLUMNS.get(m)).forEach(w -> shown.add(w.get("value").asDouble()));
            assertEquals(expected, shown, CsvRows.COLUMNS.get(m));
        }
        JsonNode top = report.at("/worst/co_gt/0");
        CsvRows.Row row = csv.rows.stream().filter(r -> r.values()[0] != null)
                .max((x, y) -> Double.compare(x.values()[0], y.values()[0])).orElseThrow();
        assertEquals(CsvRows.sqlTimestamp(row.timestamp()).substring(0, 16), top.get("time").asText());
    }

    private static Map<String, List<CsvRows.Row>> group(Function<CsvRows.Row, String> key) {
        return csv.rows.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.toList()));
    }

    private static Double mean(List<CsvRows.Row> rows, int m) {
        double sum = 0;
        int count = 0;
        for (CsvRows.Row r : rows) {
            if (r.values()[m] != null) {
                sum += r.values()[m];
                count++;
            }
        }
        return count == 0 ? null : sum / count;
    }

    /** Pearson over the rows where both are present, two-pass. */
    private static Double pearson(int a, int b) {
        List<double[]> pairs = csv.rows.stream().filter(r -> r.values()[a] != null && r.values()[b] != null)
                .map(r -> new double[] {r.values()[a], r.values()[b]}).toList();
        double ma = pairs.stream().mapToDouble(p -> p[0]).average().orElse(Double.NaN);
        double mb = pairs.stream().mapToDouble(p -> p[1]).average().orElse(Double.NaN);
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (double[] p : pairs) {
            sab += (p[0] - ma) * (p[1] - mb);
            saa += (p[0] - ma) * (p[0] - ma);
            sbb += (p[1] - mb) * (p[1] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }

    private static void assertClose(Double expected, JsonNode actual, String what) {
        if (expected == null) {
            assertTrue(actual == null || actual.isNull(), what + ": expected no value, got " + actual);
            return;
        }
        assertEquals(expected, actual.asDouble(), CLOSE * Math.max(1, Math.abs(expected)), what);
    }

    private static List<String> texts(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(v -> list.add(v.asText()));
        return list;
    }
}
