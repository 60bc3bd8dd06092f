package io.aqstream.producer.replay;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress on stderr: a one-line bar redrawn in place on a terminal, a plain line every few seconds
 * otherwise (logs, CI, pipes: no carriage returns there). The ETA comes from the bytes of the file
 * still to read at the byte rate of this run, which works for any speed setting.
 */
public final class ProgressReporter {
    private static final long TERMINAL_EVERY_NANOS = 250_000_000L;
    private static final long LINES_EVERY_NANOS = 5_000_000_000L;
    private final PrintWriter err;
    private final boolean terminal;
    private final long totalBytes;
    private long startBytes = -1;
    private long lastNanos = System.nanoTime();
    private boolean drawn;

    public ProgressReporter(PrintWriter err, boolean terminal, long totalBytes) {
        this.err = err;
        this.terminal = terminal;
        this.totalBytes = totalBytes;
    }

    /** Cheap enough to call for every row: prints only when it is time to. */
    public void update(ReplayStats stats, long bytesRead) {
        if (startBytes < 0) {
            startBytes = bytesRead;
        }
        long now = System.nanoTime();
        if (now - lastNanos < (terminal ? TERMINAL_EVERY_NANOS : LINES_EVERY_NANOS)) {
            return;
        }
        lastNanos = now;
        print(stats, bytesRead);
    }

    /** Ends the bar's line on a terminal, so the summary starts on its own line. */
    public void finish(ReplayStats stats, long bytesRead) {
        if (terminal && drawn) {
            print(stats, bytesRead);
            err.print('\n');
            err.flush();
        }
    }

    private void print(ReplayStats stats, long bytesRead) {
        double seconds = stats.elapsedSeconds();
        double rate = seconds > 0 ? stats.rowsRead / seconds : 0;
        double fraction = totalBytes > 0 ? Math.min(1.0, (double) bytesRead / totalBytes) : 0;
        double byteRate = seconds > 0 ? (bytesRead - Math.max(0, startBytes)) / seconds : 0;
        String eta = byteRate > 0 ? formatDuration((totalBytes - bytesRead) / byteRate) : "?";
        String counts = String.format(Locale.ROOT, "read %,d  sent %,d  rejected %,d  %,.0f rows/s  ETA %s",
                stats.rowsRead, stats.rowsSent, stats.rowsRejected, rate, eta);
        if (terminal) {
            int width = 24;
            int filled = (int) Math.round(fraction * width);
            err.print(String.format(Locale.ROOT, "\r[%s%s] %3.0f%%  %s   ", "#".repeat(filled),
                    ".".repeat(width - filled), fraction * 100, counts));
            drawn = true;
        } else {
            err.println(String.format(Locale.ROOT, "progress: %3.0f%%  %s", fraction * 100, counts));
        }
        err.flush();
    }

    static String formatDuration(double seconds) {
        if (Double.isNaN(seconds) || seconds < 0) {
            return "?";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
