package io.aqstream.e2e.bench;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * How many rows are visible in a consumer's output folder: lists it and adds the footer row count of each
 * file not seen before. Finished files are never rewritten (the consumer writes a hidden in-progress file,
 * fsyncs it, then renames it), so a file counted once stays counted.
 */
final class VisibleRowCounter {
    private final Path dir;
    private final Set<Path> counted = new HashSet<>();
    private long rows;

    VisibleRowCounter(Path dir) {
        this.dir = dir;
    }

    long count() {
        for (Path file : ParquetFolder.visibleFiles(dir)) {
            if (counted.add(file)) {
                rows += ParquetFolder.rowCount(file);
            }
        }
        return rows;
    }

    int files() {
        return counted.size();
    }
}
