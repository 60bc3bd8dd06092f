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
    private final Speed speed;
    private final LongSupplier nanoClock;
    private LocalDateTime firstTimestamp;
    private long firstWallNanos;

    public Pacer(Speed speed, LongSupplier nanoClock) {
        this.speed = speed;
        this.nanoClock = nanoClock;
    }

    /** Nanoseconds to wait before the row stamped {@code timestamp} is due; 0 when it is due now. */
    public long delayNanos(LocalDateTime timestamp) {
        if (speed.isMax()) {
            return 0;
        }
        long now = nanoClock.getAsLong();
        if (firstTimestamp == null) {
            firstTimestamp = timestamp;
            firstWallNanos = now;
            return 0;
        }
        double dataNanos = Duration.between(firstTimestamp, timestamp).toNanos();
        long due = firstWallNanos + (long) (dataNanos / speed.factor());
        return Math.max(0, due - now);
    }
}
