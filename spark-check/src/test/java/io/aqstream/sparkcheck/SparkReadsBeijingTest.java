package io.aqstream.sparkcheck;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqstream.testkit.KraftTestNode;
import io.aqstream.testkit.RepoFiles;
import io.aqstream.testkit.WithKraftNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Apache Spark reads what bin/pipeline writes for the 12 Beijing station files (produced once for the class):
 * timestamps as TIMESTAMP_NTZ, {@code wd} as a string, the row count and every column's NULLs equal the CSVs'
 * NA, and the README's daily-mean query (on pm2_5) gives the CSVs' daily means. The CSVs are read here with
 * String.split, no project code.
 */
@WithKraftNode
class SparkReadsBeijingTest {
    /** The Beijing header's measurement columns and the fields the format gives them, in order. */
    private static final List<String> CSV_COLUMNS = List.of("PM2.5", "PM10", "SO2", "NO2", "CO", "O3", "TEMP", "PRES",
            "DEWP", "RAIN", "wd", "WSPM");
    private static final List<String> FIELDS = List.of("pm2_5", "pm10", "so2", "no2", "co", "o3", "temp", "pres",
            "dewp", "rain", "wd", "wspm");
    @TempDir
    static Path dir;
    static SparkSession spark;
    static Dataset<Row> df;
    /** What the 12 CSV files hold, counted here in one pass. */
    static long csvRows;
    static final long[] csvNa = new long[CSV_COLUMNS.size()];
    /** Per day: sum of PM2.5, count of PM2.5 values, rows. */
    static final Map<String, double[]> csvDaily = new TreeMap<>();

    @BeforeAll
    static void pipelineThenSpark(KraftTestNode node) throws Exception {
        Path beijing = RepoFiles.beijingDir();
        readCsvs(beijing);
        Path output = dir.resolve("processed");
        // 45 times the UCI rows, in transactions of 1,000 (421 commits instead of 4,208 at the default 100):
        // what Spark reads does not depend on how the replay batched it, and each commit is a round trip.
        BinPipeline.run(beijing, output, node, dir, 30, "--batch-size", "1000");
        spark = BinPipeline.spark(dir);
        df = spark.read().parquet(output.resolve("air-quality-beijing").toString()).cache();
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void typesAreTheContracts() {
        assertEquals(DataTypes.TimestampNTZType, df.schema().apply("timestamp").dataType(), df.schema().treeString());
        assertEquals(DataTypes.StringType, df.schema().apply("station").dataType());
        assertEquals(DataTypes.StringType, df.schema().apply("wd").dataType());
        FIELDS.stream().filter(f -> !f.equals("wd"))
                .forEach(f -> assertEquals(DataTypes.DoubleType, df.schema().apply(f).dataType(), f));
        Row first = df.orderBy("timestamp", "station").select("timestamp", "station").first();
        assertEquals(LocalDateTime.parse("2013-03-01T00:00"), first.get(0), "local clock time of the CSV");
        assertEquals("Aotizhongxin", first.getString(1));
    }

    @Test
    void rowCountAndEveryColumnsNullsEqualTheCsvs() {
        assertEquals(csvRows, df.count());
        assertEquals(12, df.select("station").distinct().count());
        Column[] nulls = FIELDS.stream().map(f -> sum(when(col(f).isNull(), 1).otherwise(0)).alias(f)).toArray(Column[]::new);
        Row counted = df.agg(nulls[0], java.util.Arrays.copyOfRange(nulls, 1, nulls.length)).first();
        long anyMissing = 0;
        for (int i = 0; i < FIELDS.size(); i++) {
            String column = CSV_COLUMNS.get(i);
            assertEquals(csvNa[i], counted.getLong(i), FIELDS.get(i) + " NULLs = " + column + " NA");
            anyMissing += csvNa[i];
        }
        assertTrue(anyMissing > 0, "the real files have NA values, so the NULL check means something");
        assertEquals(420_768, csvRows, "all of the real files");
    }

    @Test
    void readmeDailyMeanQuery() {
        // The README's daily-mean line on this data set's pm2_5:
        // df.groupBy(F.to_date("timestamp").alias("day")).agg(F.avg("pm2_5").alias("pm25")).orderBy("day")
        List<Row> daily = df.groupBy(to_date(col("timestamp")).alias("day"))
                .agg(avg("pm2_5").alias("pm25"), count("*").alias("n")).orderBy("day").collectAsList();
        Map<String, double[]> expected = csvDaily;
        assertEquals(expected.size(), daily.size());
        int i = 0;
        for (Map.Entry<String, double[]> e : expected.entrySet()) {
            Row r = daily.get(i++);
            assertEquals(e.getKey(), r.get(0).toString());
            assertEquals((long) e.getValue()[2], r.getLong(2), e.getKey() + " rows");
            if (e.getValue()[1] == 0) {
                assertTrue(r.isNullAt(1), e.getKey());
            } else {
                assertEquals(e.getValue()[0] / e.getValue()[1], r.getDouble(1), 1e-9, e.getKey());
            }
        }
        assertEquals(1461, expected.size(), "2013-03-01 .. 2017-02-28");
    }

    /** Counts rows, NA per column and the daily PM2.5 sums of every station file, split on ',' (the real files have no separator inside quotes). */
    private static void readCsvs(Path beijing) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(beijing)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList();
        }
        assertEquals(12, files.size());
        for (Path file : files) {
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                List<String> header = List.of(unquote(in.readLine().split(",", -1)));
                int[] measured = CSV_COLUMNS.stream().mapToInt(header::indexOf).toArray();
                int year = header.indexOf("year");
                int month = header.indexOf("month");
                int dayOfMonth = header.indexOf("day");
                int pm25 = header.indexOf("PM2.5");
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.isEmpty()) {
                        continue;
                    }
                    String[] f = unquote(line.split(",", -1));
                    csvRows++;
                    for (int i = 0; i < measured.length; i++) {
                        if (f[measured[i]].equals("NA")) {
                            csvNa[i]++;
                        }
                    }
                    String day = String.format("%s-%02d-%02d", f[year], Integer.parseInt(f[month]),
                            Integer.parseInt(f[dayOfMonth]));
                    double[] acc = csvDaily.computeIfAbsent(day, k -> new double[3]);
                    acc[2]++;
                    if (!f[pm25].equals("NA")) {
                        acc[0] += Double.parseDouble(f[pm25]);
                        acc[1]++;
                    }
                }
            }
        }
    }

    private static String[] unquote(String[] fields) {
        for (int i = 0; i < fields.length; i++) {
            fields[i] = fields[i].replace("\"", "");
        }
        return fields;
    }
}
