package io.aqstream.consumer.sink;

import java.time.Duration;

/**
 * When an open file is closed out (published and committed). Whichever limit comes first:
 * <ul>
 *   <li>{@code records}: rows in the file;</li>
 *   <li>{@code bytes}: compressed size written plus buffered;</li>
 *   <li>{@code interval}: time since the file was opened, which bounds how stale processed_data/ can be
 *       while rows trickle in steadily;</li>
 *   <li>{@code idle}: time since the partition last delivered a record, so the tail of a burst shows up
 *       promptly instead of waiting for the interval.</li>
 * </ul>
 * The trade-off: every close-out is one more file (and one fsync + commit); small limits mean prompt
 * data but many small files, which slow every later read. The defaults favour few files in a fast
 * replay and data visible within about a minute in a slow one.
 */
public final class RollPolicy {
    private final long records;
    private final long bytes;
    private final long intervalNanos;
    private final long idleNanos;

    public RollPolicy(long records, long bytes, Duration interval, Duration idle) {
        if (records < 1 || bytes < 1 || interval.isNegative() || interval.isZero() || idle.isNegative() || idle.isZero()) {
            throw new IllegalArgumentException("roll limits must be positive");
        }
        this.records = records;
        this.bytes = bytes;
        this.intervalNanos = interval.toNanos();
        this.idleNanos = idle.toNanos();
    }

    /** How long a file stays open at most (--roll-interval). */
    public Duration interval() {
        return Duration.ofNanos(intervalNanos);
    }

    /** How long a partition may deliver nothing before its file is closed (--idle-flush). */
    public Duration idle() {
        return Duration.ofNanos(idleNanos);
    }

    boolean full(long rows, long dataBytes) {
        return rows >= records || dataBytes >= bytes;
    }

    boolean due(long openedAtNanos, long lastRecordNanos, long nowNanos) {
        return nowNanos - openedAtNanos >= intervalNanos || nowNanos - lastRecordNanos >= idleNanos;
    }
}
