package io.aqstream.producer.replay;

/** Counters of one run of a replay (not totals over resumed runs: those live in the checkpoint). */
public final class ReplayStats {
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
}
