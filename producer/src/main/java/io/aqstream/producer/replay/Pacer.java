package io.aqstream.producer.replay;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.function.LongSupplier;

/**
 * Follows the data's own clock: at speed N, a row stamped t is due N times faster than real time after
 * the first row of this run. Returns how long to wait instead of sleeping, so the caller can commit its
 * transaction or notice Ctrl-C meanwhile, and so it is testable with a fake clock.
 *
 * <p>Rows that are late (the broker was slow) are due at once: the replay catches up at full speed
 * rather than drifting. Rows stamped before the first one (a file out of order) are due at once too.
 */
public final class Pacer {
    /**
     * One data clock for the stations of one replay process: the first row any of them paces sets it, so at
     * {@code --speed 3600} every station advances one data hour per second, together.
     */
    public static final class Anchor {
        private LocalDateTime timestamp;
        private long wallNanos;

        synchronized void setOnce(LocalDateTime t, long now) {
            if (timestamp == null) {
                timestamp = t;
                wallNanos = now;
            }
        }
    }

    private final Speed speed;
    private final LongSupplier nanoClock;
    private final Anchor anchor;
    private LocalDateTime firstTimestamp;
    private long firstWallNanos;

    public Pacer(Speed speed, LongSupplier nanoClock) {
        this(speed, nanoClock, new Anchor());
    }

    /** A pacer on a data clock shared with other stations' pacers. */
    public Pacer(Speed speed, LongSupplier nanoClock, Anchor anchor) {
        this.speed = speed;
        this.nanoClock = nanoClock;
        this.anchor = anchor;
    }

    /** Nanoseconds to wait before the row stamped {@code timestamp} is due; 0 when it is due now. */
    public long delayNanos(LocalDateTime timestamp) {
        if (speed.isMax()) {
            return 0;
        }
        long now = nanoClock.getAsLong();
        if (firstTimestamp == null) {
            anchor.setOnce(timestamp, now);
            synchronized (anchor) {
                firstTimestamp = anchor.timestamp;
                firstWallNanos = anchor.wallNanos;
            }
        }
        double dataNanos = Duration.between(firstTimestamp, timestamp).toNanos();
        long due = firstWallNanos + (long) (dataNanos / speed.factor());
        return Math.max(0, due - now);
    }
}
