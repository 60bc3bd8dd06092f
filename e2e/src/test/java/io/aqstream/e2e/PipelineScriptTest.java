package io.aqstream.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * bin/pipeline as a user runs it, on the real data set, against a running node (so it starts none):
 * the script's produce, consume and summary steps, then the Parquet read back with parquet-avro's own
 * reader and compared with the CSV parsed here independently. The run is shared with the other e2e
 * classes ({@link RealFilePipeline}).
 */
@ExtendWith(RealFilePipeline.Resolver.class)
class PipelineScriptTest {
    static RealFilePipeline pipeline;
    static CsvRows csv;

    @BeforeAll
    static void runPipeline(RealFilePipeline run) throws IOException {
        pipeline = run;
        run.assertSucceeded();
        csv = CsvRows.read(run.csv());
    }

    @Test
    void replaysTheRealFileIntoParquet() throws Exception {
        List<GenericRecord> rows = readParquet(pipeline.output().resolve("air-quality-data"));
        assertEquals(csv.rows.size(), rows.size(), "rows in processed_data");
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
        assertEquals(csv.missing("nox_gt"), nullNox, "NOx(GT) missing exactly where the CSV says -200");
    }

    @Test
    void summarisesTheParquetItWrote() {
        // The summary printed at the end is computed from those files.
        String out = pipeline.stdout();
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
