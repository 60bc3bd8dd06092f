package io.aqstream.sparkcheck;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.to_date;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqstream.testkit.KraftTestNode;
import io.aqstream.testkit.RepoFiles;
import io.aqstream.testkit.WithKraftNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Apache Spark (spark-sql 4.1, local[1], its own Parquet reader) reads processed_data/ as bin/pipeline
 * writes it for the real UCI file (bin/pipeline runs on dist/target/lib, the shipped classpath): timestamps
 * come as TIMESTAMP_NTZ (local clock time, no zone), the row count and the NULLs equal the CSV's, and the
 * README's daily-mean query, written in Spark's Java API, gives the CSV's daily means.
 */
@WithKraftNode
class SparkReadsProcessedDataTest {
    @TempDir
    static Path dir;
    static SparkSession spark;
    static Dataset<Row> df;
    static Path csv;

    @BeforeAll
    static void pipelineThenSpark(KraftTestNode node) throws Exception {
        csv = RepoFiles.realCsv();
        Path output = dir.resolve("processed");
        BinPipeline.run(csv, output, node, dir, 10);
        spark = BinPipeline.spark(dir);
        df = spark.read().parquet(output.resolve("air-quality-data").toString());
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void timestampsAreTimestampNtz() {
        assertEquals(DataTypes.TimestampNTZType, df.schema().apply("timestamp").dataType(), df.schema().treeString());
        assertEquals(DataTypes.StringType, df.schema().apply("station").dataType());
        assertEquals(DataTypes.DoubleType, df.schema().apply("nox_gt").dataType());
        Row first = df.orderBy("timestamp").select("timestamp").first();
        assertEquals(java.time.LocalDateTime.parse("2004-03-10T18:00"), first.get(0));
    }

    @Test
    void rowCountAndNullsEqualTheCsv() throws Exception {
        List<String[]> rows = csvRows();
        assertEquals(rows.size(), df.count());
        assertEquals(9357, rows.size());
        // NMHC(GT) is field 4 of the CSV (Date;Time;CO(GT);PT08.S1(CO);NMHC(GT);...); -200 means missing.
        long missingNmhc = rows.stream().filter(f -> f[4].equals("-200")).count();
        assertEquals(8443, missingNmhc);
        assertEquals(missingNmhc, df.filter(col("nmhc_gt").isNull()).count());
        assertEquals(0, df.filter(col("nox_gt").equalTo(-200)).count(), "never -200");
    }

    @Test
    void readmeDailyMeanQuery() throws Exception {
        // The README's PySpark line, in Java:
        // df.groupBy(F.to_date("timestamp").alias("day")).agg(F.avg("nox_gt").alias("nox")).orderBy("day")
        List<Row> daily = df.groupBy(to_date(col("timestamp")).alias("day"))
                .agg(avg("nox_gt").alias("nox"), count("*").alias("n")).orderBy("day").collectAsList();
        // The same from the CSV: NOx(GT) is field 7; the date is field 0 as DD/MM/YYYY.
        Map<String, double[]> expected = new TreeMap<>();
        for (String[] f : csvRows()) {
            String[] d = f[0].split("/");
            double[] acc = expected.computeIfAbsent(d[2] + "-" + d[1] + "-" + d[0], k -> new double[2]);
            double v = Double.parseDouble(f[7].replace(',', '.'));
            if (v != -200) {
                acc[0] += v;
                acc[1]++;
            }
        }
        assertEquals(391, daily.size());
        assertEquals(expected.size(), daily.size());
        int i = 0;
        for (Map.Entry<String, double[]> e : expected.entrySet()) {
            Row r = daily.get(i++);
            assertEquals(e.getKey(), r.get(0).toString());
            if (e.getValue()[1] == 0) {
                assertTrue(r.isNullAt(1), e.getKey());
            } else {
                assertEquals(e.getValue()[0] / e.getValue()[1], r.getDouble(1), 1e-9, e.getKey());
            }
        }
    }

    /** The data rows of the CSV, split on ';' (no project code). */
    private static List<String[]> csvRows() throws Exception {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(csv, StandardCharsets.US_ASCII)) {
            if (!line.isEmpty() && Character.isDigit(line.charAt(0))) {
                rows.add(line.split(";", -1));
            }
        }
        return rows;
    }
}
