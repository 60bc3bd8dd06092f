package io.aqstream.common.processed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FileNamesTest {
    @Test
    void finishedNameCarriesTopicPartitionAndPaddedOffsetsAndParsesBack() {
        String name = FileNames.finished("air-quality-data", 2, 100, 1_234);
        assertEquals("air-quality-data+2+00000000000000000100+00000000000000001234.parquet", name);
        FileNames.FinishedFile f = FileNames.parseFinished(name).orElseThrow();
        assertEquals("air-quality-data", f.topic());
        assertEquals(2, f.partition());
        assertEquals(100, f.firstOffset());
        assertEquals(1_234, f.lastOffset());
    }

    @Test
    void namesSortInOffsetOrderWithinAPartition() {
        List<String> names = new ArrayList<>(List.of(
                FileNames.finished("t", 0, 1_000, 1_999), FileNames.finished("t", 0, 0, 999),
                FileNames.finished("t", 0, 10_000, 10_005), FileNames.finished("t", 0, 2_000, 9_999)));
        names.sort(null);
        assertEquals(List.of(FileNames.finished("t", 0, 0, 999), FileNames.finished("t", 0, 1_000, 1_999),
                FileNames.finished("t", 0, 2_000, 9_999), FileNames.finished("t", 0, 10_000, 10_005)), names);
    }

    @Test
    void inProgressNameIsHiddenFromEveryGlobAndBelongsToItsPartitionOnly() {
        String name = FileNames.inProgress("air-quality-data", 1, 42);
        assertTrue(name.startsWith("."), "pandas/pyarrow/Spark skip dot-files");
        assertFalse(name.endsWith(".parquet"), "DuckDB's **/*.parquet does not skip dot-files");
        assertTrue(FileNames.isInProgress(name, "air-quality-data", 1));
        assertFalse(FileNames.isInProgress(name, "air-quality-data", 11));
        assertFalse(FileNames.isInProgress(name, "other", 1));
        assertTrue(FileNames.parseFinished(name).isEmpty());
    }

    @Test
    void foreignFilesAreNotMistakenForOurs() {
        assertTrue(FileNames.parseFinished("part-0000.parquet").isEmpty());
        assertTrue(FileNames.parseFinished("t+0+12+13.parquet").isEmpty());
        assertTrue(FileNames.parseFinished("t+0+00000000000000000001+00000000000000000002.parquet.bak").isEmpty());
    }
}
