package io.aqstream.producer.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDateTime;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The data clock against a fake wall clock: no sleeping, no timing assertions. */
class PacerTest {
    private static final LocalDateTime T0 = LocalDateTime.of(2004, 3, 10, 18, 0);
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void atSpeed3600OneDataHourTakesOneSecond() {
        Pacer pacer = new Pacer(Speed.of(3600), now::get);
        assertEquals(0, pacer.delayNanos(T0));
        assertEquals(1_000_000_000L, pacer.delayNanos(T0.plusHours(1)));
        now.addAndGet(400_000_000L);
        assertEquals(600_000_000L, pacer.delayNanos(T0.plusHours(1)));
        assertEquals(1_600_000_000L, pacer.delayNanos(T0.plusHours(2)));
    }

    @Test
    void lateRowsAndRowsFromThePastAreDueAtOnce() {
        Pacer pacer = new Pacer(Speed.of(86400), now::get);
        pacer.delayNanos(T0);
        now.addAndGet(5_000_000_000L); // the broker was slow for 5 s = 5 data days
        assertEquals(0, pacer.delayNanos(T0.plusHours(24)));
        assertEquals(0, pacer.delayNanos(T0.minusHours(3)));
    }

    @Test
    void stationsOnOneAnchorAdvanceTogetherOnTheDataClock() {
        Pacer.Anchor anchor = new Pacer.Anchor();
        Pacer a = new Pacer(Speed.of(3600), now::get, anchor);
        Pacer b = new Pacer(Speed.of(3600), now::get, anchor);
        assertEquals(0, a.delayNanos(T0));
        now.addAndGet(200_000_000L);
        // b starts later, at the same data hour: due at once; its next hour is due 1 s after the anchor.
        assertEquals(0, b.delayNanos(T0));
        assertEquals(800_000_000L, b.delayNanos(T0.plusHours(1)));
        assertEquals(800_000_000L, a.delayNanos(T0.plusHours(1)));
    }

    @Test
    void maxNeverWaits() {
        Pacer pacer = new Pacer(Speed.MAX, now::get);
        assertEquals(0, pacer.delayNanos(T0));
        assertEquals(0, pacer.delayNanos(T0.plusYears(1)));
    }

    @Test
    void speedOptionAcceptsMaxOrAPositiveNumber() {
        Speed.Converter c = new Speed.Converter();
        assertEquals(true, c.convert("MAX").isMax());
        assertEquals(3600.0, c.convert("3600").factor());
        assertEquals(0.5, c.convert("0.5").factor());
        for (String bad : new String[] {"0", "-1", "fast", "NaN", "Infinity"}) {
            org.junit.jupiter.api.Assertions.assertThrows(CommandLine.TypeConversionException.class, () -> c.convert(bad), bad);
        }
    }
}
