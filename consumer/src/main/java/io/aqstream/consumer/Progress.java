package io.aqstream.consumer;

import io.aqstream.common.cli.Plural;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * One progress line on stderr every interval: rows, rate since the last line, lag, files, rejected.
 * While nothing changes (caught up, no new records) it prints only once a minute, so a consumer left
 * running beside a paused producer does not flood the terminal.
 */
final class Progress {
    private static final long QUIET_NANOS = Duration.ofMinutes(1).toNanos();

    private final PrintWriter err;
    private final long intervalNanos;
    private long lastNanos = System.nanoTime();
    private long lastRows = -1;
    private long lastLag = -1;
    private int lastFiles = -1;
    private long lastRejected = -1;

    Progress(PrintWriter err, Duration interval) {
        this.err = err;
        this.intervalNanos = interval == null ? Long.MAX_VALUE : interval.toNanos();
    }

    void maybeReport(long nowNanos, long rows, long rejected, int files, LongSupplier lag) {
        if (nowNanos - lastNanos < intervalNanos) {
            return;
        }
        long currentLag = lag.getAsLong();
        boolean unchanged = rows == lastRows && files == lastFiles && rejected == lastRejected && currentLag == lastLag;
        if (unchanged && nowNanos - lastNanos < QUIET_NANOS) {
            return;
        }
        double seconds = (nowNanos - lastNanos) / 1e9;
        err.printf(Locale.ROOT, "consume: %s (%,.0f rows/s), lag %,d, files %,d, rejected %,d%n",
                Plural.count(rows, "row"), (rows - Math.max(0, lastRows)) / seconds, currentLag, files, rejected);
        err.flush();
        lastNanos = nowNanos;
        lastRows = rows;
        lastLag = currentLag;
        lastFiles = files;
        lastRejected = rejected;
    }
}
