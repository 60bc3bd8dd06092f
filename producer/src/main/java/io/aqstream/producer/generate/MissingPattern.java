package io.aqstream.producer.generate;

import java.util.SplittableRandom;

/**
 * Missing values as they happen in the real file: in runs (an analyser down for hours or days), not as
 * independent coin flips. A two-state Markov chain with a given long-run missing fraction and mean run
 * length: from "ok" it enters an outage with probability p/(1-p)/L per hour, and leaves one with 1/L.
 */
final class MissingPattern {
    private final double enter;
    private final double leave;
    private boolean missing;

    MissingPattern(double fraction, double meanRunHours, SplittableRandom random) {
        this.leave = 1.0 / meanRunHours;
        this.enter = leave * fraction / (1 - fraction);
        this.missing = random.nextDouble() < fraction; // start in the stationary distribution
    }

    boolean next(SplittableRandom random) {
        missing = missing ? random.nextDouble() >= leave : random.nextDouble() < enter;
        return missing;
    }
}
