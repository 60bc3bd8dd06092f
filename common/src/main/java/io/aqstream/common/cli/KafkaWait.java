package io.aqstream.common.cli;

import java.io.PrintWriter;
import java.time.Duration;

/**
 * The line every command prints on stderr just before it first waits for Kafka, so that a missing broker
 * is never silence: without it bin/produce said nothing for its whole --wait-for-broker, and bin/consume
 * only its header, before the "no answer" error. Printed once per command, before the first request.
 */
public final class KafkaWait {
    private KafkaWait() {
    }

    /** "waiting for Kafka at 127.0.0.1:9092 (up to 30 s)", with {@code upTo} the longest the command will wait. */
    public static void announce(PrintWriter err, String bootstrap, Duration upTo) {
        err.println("waiting for Kafka at " + bootstrap + " (up to " + Math.max(1, upTo.toSeconds()) + " s)");
        err.flush();
    }
}
