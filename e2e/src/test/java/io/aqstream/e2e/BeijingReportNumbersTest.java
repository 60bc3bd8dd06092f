package io.aqstream.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.aqstream.testkit.RepoFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The report bin/pipeline writes at its end for the 12 real Beijing station files (the run shared with
 * {@link BeijingPipelineConsumersTest}): rows, stations, units from the Beijing format, missing shares per month,
 * daily means per station, hourly and weekday means, correlations and the highest hours all equal what this test
 * computes from the CSVs itself ({@link BeijingCsv}: String.split, no project code, no DuckDB).
 */
@ExtendWith(RealFilePipeline.BeijingResolver.class)
class BeijingReportNumbersTest {
    /** Means and correlations are sums of up to 420,768 doubles, added in another order by DuckDB. */
    private static final double CLOSE = 1e-9;
    private static final List<String> COLUMNS = BeijingCsv.COLUMNS;
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    static JsonNode report;
    static BeijingCsv csv;

    @BeforeAll
    static void read(RealFilePipeline.Beijing beijing) throws Exception {
        RealFilePipeline run = beijing.run();
        run.assertSucceeded();
        List<String> out = run.stdout().lines().toList();
        Path html = Path.of(out.get(out.size() - 1));
        assertEquals(run.output().resolve("air-quality-beijing-report.html").toAbsolutePath(), html, "the path on stdout's last line");
        assertTrue(Files.isRegularFile(html), html + " exists");
        report = ReportFile.data(html);
        csv = BeijingCsv.read(RepoFiles.beijingDir());
    }

    @Test
    void overviewAndUnitsFromTheFormat() {
        assertEquals(csv.rows.size(), report.at("/overview/rows").asLong());
        assertEquals("air-quality-beijing", report.get("topic").asText());
        String credit = report.get("credit").asText();
        assertTrue(credit.contains("Beijing Multi-Site") && credit.contains("CC BY 4.0"), "the format's credit: " + credit);
        Map<String, Long> perStation = csv.rows.stream().collect(Collectors.groupingBy(BeijingCsv.Row::station,
                TreeMap::new, Collectors.counting()));
        assertEquals(12, perStation.size());
        List<String> stations = new ArrayList<>();
        report.at("/overview/stations").forEach(s -> {
            stations.add(s.get("station").asText());
            assertEquals(perStation.get(s.get("station").asText()), s.get("rows").asLong(), s.toString());
        });
        assertEquals(new ArrayList<>(perStation.keySet()), stations);
        assertEquals("2013-03-01 00:00", report.at("/overview/first").asText());
        assertEquals("2017-02-28 23:00", report.at("/overview/last").asText());
        List<String> columns = new ArrayList<>();
        Map<String, String> units = new TreeMap<>();
        report.get("columns").forEach(c -> {
            columns.add(c.get("name").asText());
            units.put(c.get("name").asText(), c.path("unit").asText(null));
        });
        assertEquals(COLUMNS, columns, "the numeric measurements, from the Parquet schema (wd is text)");
        // conf/formats/beijing.properties
        assertEquals("ug/m^3", units.get("pm2_5"));
        assertEquals("ug/m^3", units.get("co"));
        assertEquals("degC", units.get("temp"));
        assertEquals("hPa", units.get("pres"));
        assertEquals("mm", units.get("rain"));
        assertEquals("m/s", units.get("wspm"));
        assertEquals(420_768, csv.rows.size(), "all of the real files");
    }

    @Test
    void missingSharePerColumnAndMonth() {
        Map<String, List<BeijingCsv.Row>> byMonth = group(r -> r.timestamp().format(DateTimeFormatter.ofPattern("yyyy-MM")));
        List<String> months = new ArrayList<>(byMonth.keySet());
        assertEquals(months, texts(report.at("/missing/months")));
        for (JsonNode cell : report.at("/missing/share")) {
            List<BeijingCsv.Row> rows = byMonth.get(months.get(cell.get(0).asInt()));
            int m = cell.get(1).asInt();
            double expected = (double) rows.stream().filter(r -> !r.present(m)).count() / rows.size();
            assertEquals(expected, cell.get(2).asDouble(), 1e-12, months.get(cell.get(0).asInt()) + " " + COLUMNS.get(m));
        }
        assertEquals(months.size() * COLUMNS.size(), report.at("/missing/share").size());
        assertTrue(csv.rows.stream().anyMatch(r -> !r.present(0)), "the real files have NA, so shares above 0 are checked");
        assertEquals(48, months.size(), "2013-03 .. 2017-02");
    }

    @Test
    void dailyMeansPerStation() {
        assertEquals("day", report.at("/daily/bucket").asText(), "12 stations x 1,461 days fit as days");
        Map<String, List<BeijingCsv.Row>> byStation = group(BeijingCsv.Row::station);
        assertEquals(byStation.keySet(), fieldNames(report.at("/daily/stations")));
        byStation.forEach((station, rows) -> {
            Map<String, List<BeijingCsv.Row>> byDay = rows.stream().collect(Collectors.groupingBy(
                    r -> r.timestamp().toLocalDate().toString(), TreeMap::new, Collectors.toList()));
            JsonNode series = report.at("/daily/stations/" + station);
            assertEquals(new ArrayList<>(byDay.keySet()), texts(series.get("days")), station);
            for (int m = 0; m < COLUMNS.size(); m++) {
                int i = 0;
                for (Map.Entry<String, List<BeijingCsv.Row>> day : byDay.entrySet()) {
                    assertClose(mean(day.getValue(), m), series.get("means").get(COLUMNS.get(m)).get(i++),
                            station + " " + COLUMNS.get(m) + " " + day.getKey());
                }
            }
            assertEquals(1461, byDay.size(), station + ": 2013-03-01 .. 2017-02-28");
        });
    }

    @Test
    void hourlyAndWeekdayMeans() {
        Map<String, List<BeijingCsv.Row>> byHour = group(r -> String.format("%02d", r.timestamp().getHour()));
        Map<String, List<BeijingCsv.Row>> byDay = group(r -> String.valueOf(r.timestamp().getDayOfWeek().getValue()));
        for (int m = 0; m < COLUMNS.size(); m++) {
            String column = COLUMNS.get(m);
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

    @Test
    void correlations() {
        int n = COLUMNS.size();
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                assertClose(pearson(a, b), report.at("/correlation/" + a + "/" + b), COLUMNS.get(a) + " / " + COLUMNS.get(b));
            }
        }
    }

    @Test
    void tenHighestHours() {
        for (int m = 0; m < COLUMNS.size(); m++) {
            int col = m;
            // The report's order: value descending, then time, then station (ties are common: PM2.5 999, RAIN 0).
            List<BeijingCsv.Row> expected = csv.rows.stream().filter(r -> r.present(col))
                    .sorted(Comparator.comparingDouble((BeijingCsv.Row r) -> -r.values()[col])
                            .thenComparing(BeijingCsv.Row::timestamp).thenComparing(BeijingCsv.Row::station))
                    .limit(10).toList();
            JsonNode shown = report.at("/worst/" + COLUMNS.get(m));
            assertEquals(10, shown.size());
            for (int i = 0; i < 10; i++) {
                BeijingCsv.Row r = expected.get(i);
                JsonNode w = shown.get(i);
                String what = COLUMNS.get(m) + " #" + (i + 1);
                assertEquals(r.values()[col], w.get("value").asDouble(), what);
                assertEquals(r.timestamp().format(MINUTE), w.get("time").asText(), what);
                assertEquals(r.station(), w.get("station").asText(), what);
            }
        }
    }

    private static Map<String, List<BeijingCsv.Row>> group(Function<BeijingCsv.Row, String> key) {
        return csv.rows.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.toList()));
    }

    private static Double mean(List<BeijingCsv.Row> rows, int m) {
        double sum = 0;
        int count = 0;
        for (BeijingCsv.Row r : rows) {
            if (r.present(m)) {
                sum += r.values()[m];
                count++;
            }
        }
        return count == 0 ? null : sum / count;
    }

    /** Pearson over the rows where both are present, two-pass. */
    private static Double pearson(int a, int b) {
        double ma = 0;
        double mb = 0;
        long n = 0;
        for (BeijingCsv.Row r : csv.rows) {
            if (r.present(a) && r.present(b)) {
                ma += r.values()[a];
                mb += r.values()[b];
                n++;
            }
        }
        ma /= n;
        mb /= n;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (BeijingCsv.Row r : csv.rows) {
            if (r.present(a) && r.present(b)) {
                double x = r.values()[a] - ma;
                double y = r.values()[b] - mb;
                sab += x * y;
                saa += x * x;
                sbb += y * y;
            }
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

    private static java.util.Set<String> fieldNames(JsonNode object) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
