package io.aqstream.e2e.bench;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each row became visible in a consumer's output folder: a thread lists the folder every
 * {@code intervalMs} and reads each new file's rows (station, timestamp → CSV line). A file first seen by
 * listing k appeared after listing k-1 started and before listing k finished: that window is the row's
 * visibility time, its midpoint the estimate, its half-width the error bound.
 */
final class VisibilityClock implements AutoCloseable {
    /** "station|line" → {window start, window end} in System.nanoTime(). */
    private final Map<String, long[]> windows = new ConcurrentHashMap<>();
    private final Thread watcher;
    private volatile boolean running = true;
    private volatile long rows;
    private volatile long duplicates;

    VisibilityClock(Path folder, long intervalMs) {
        watcher = new Thread(() -> watchUntilClosed(folder, intervalMs), "visibility-clock");
        watcher.setDaemon(true);
        watcher.start();
    }

    long rowsSeen() {
        return rows;
    }

    /** Rows seen in more than one file: 0 when the consumer wrote each row exactly once. */
    long duplicates() {
        return duplicates;
    }

    long[] window(String station, long line) {
        return windows.get(station + "|" + line);
    }

    private void watchUntilClosed(Path folder, long intervalMs) {
        Set<Path> seen = new HashSet<>();
        long previousStart = System.nanoTime();
        while (running) {
            long start = System.nanoTime();
            var files = ParquetFolder.visibleFiles(folder);
            long listed = System.nanoTime();
            for (Path f : files) {
                if (seen.add(f)) {
                    long[] window = {previousStart, listed};
                    ParquetFolder.forEachRow(f, (station, timestamp) -> put(station, timestamp, window));
                }
            }
            previousStart = start;
            try {
                Thread.sleep(intervalMs);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void put(String station, LocalDateTime timestamp, long[] window) {
        if (windows.putIfAbsent(station + "|" + StationFiles.lineOf(timestamp), window) == null) {
            rows++;
        } else {
            duplicates++;
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        watcher.interrupt();
        watcher.join(5_000);
    }
}
