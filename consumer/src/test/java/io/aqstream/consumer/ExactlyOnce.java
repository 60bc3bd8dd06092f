package io.aqstream.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.aqstream.common.AirQualityReading;
import io.aqstream.common.Measurement;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.generic.GenericRecord;

/** Checks processed_data/ against a generated replay: every row exactly once, with its own values. */
final class ExactlyOnce {
    private static final LocalDateTime BASE = ParquetSinkTest.reading(0).timestamp();

    private ExactlyOnce() {
    }

    /** Rows 0 .. expected-1 of {@link ParquetSinkTest#reading(int)}, each exactly once, no stray offsets. */
    static void verify(Path output, int expected) {
        List<GenericRecord> rows = ParquetRows.readAll(output);
        Set<Long> lineage = new HashSet<>();
        BitSet seen = new BitSet(expected);
        int duplicates = 0;
        for (GenericRecord row : rows) {
            long key = ((Integer) row.get("kafka_partition")).longValue() << 48 | (Long) row.get("kafka_offset");
            if (!lineage.add(key)) {
                duplicates++;
            }
            LocalDateTime ts = (LocalDateTime) row.get("timestamp");
            int i = (int) Duration.between(BASE, ts).toHours();
            if (i < 0 || i >= expected) {
                fail("row outside the replay: " + row);
            }
            if (seen.get(i)) {
                duplicates++;
            }
            seen.set(i);
            AirQualityReading r = ParquetSinkTest.reading(i);
            assertEquals(r.station(), row.get("station").toString());
            for (Measurement m : Measurement.ALL) {
                assertEquals(r.value(m), row.get(m.column()), "row " + i + " " + m.column());
            }
        }
        assertEquals(0, duplicates, "duplicated rows");
        assertEquals(expected, seen.cardinality(), "rows present (missing: " + (expected - seen.cardinality()) + ")");
        assertEquals(expected, rows.size());
        assertTrue(ParquetRows.visibleFiles(output).stream()
                .noneMatch(p -> p.getFileName().toString().startsWith(".")), "no hidden file matches *.parquet");
    }
}
