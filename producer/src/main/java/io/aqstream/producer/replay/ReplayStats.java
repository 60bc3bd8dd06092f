package io.aqstream.producer.replay;

/**
 * Counters of one run of a replay (not totals over resumed runs: those live in the checkpoint).
 *
 * <p>The fields belong to the replay thread (plain fields: no cost per row). Other threads (the
 * {@code --metrics-port} endpoint) read the {@link #snapshot()} the replay thread {@link #publish()}es
 * at every commit, every few rows and at the end.
 */
public final class ReplayStats {
    /** An immutable copy of the counters, safe to read from any thread. */
    public record Snapshot(long rowsRead, long rowsSent, long rowsRejected, long rowsToDeadLetter, long emptyRows,
            long transactions, long committedLine) {
    }

    private volatile Snapshot published = new Snapshot(0, 0, 0, 0, 0, 0, 1);

    /** Non-empty data rows read in this run (sent + rejected). */
    public long rowsRead;
    public long rowsSent;
    public long rowsRejected;
    /** Rejected rows that went to the dead-letter topic. */
    public long rowsToDeadLetter;
    public long emptyRows;
    public long transactions;
    /** Line of the file this run resumed after (1 = only the header was done). */
    public long resumedAfterLine = 1;
    /** Last line whose outcome is committed. */
    public long committedLine = 1;
    public long startNanos = System.nanoTime();
    public long endNanos;

    public double elapsedSeconds() {
        return ((endNanos == 0 ? System.nanoTime() : endNanos) - startNanos) / 1e9;
    }

    /** Records sent per second of this run, rows and dead-letter records together. */
    public double recordsPerSecond() {
        double s = elapsedSeconds();
        return s <= 0 ? 0 : (rowsSent + rowsToDeadLetter) / s;
    }

    /** Makes the current counters visible to other threads; called by the replay thread only. */
    public void publish() {
        published = new Snapshot(rowsRead, rowsSent, rowsRejected, rowsToDeadLetter, emptyRows, transactions,
                committedLine);
    }

    /** The counters as last {@link #publish() published}; any thread. */
    public Snapshot snapshot() {
        return published;
    }
}
