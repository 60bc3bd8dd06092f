package io.aqstream.consumer;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * --stop-at-end and --stop-at-end-after-stdin: from when the partitions' end offsets are final, so that a
 * consumer that has read up to them has everything and may stop. With --stop-at-end at once: the topic's
 * producers have finished before the consumer starts, so each partition's end when it is assigned is final.
 * With --stop-at-end-after-stdin once stdin closes: the consumer runs beside its producer, and the program that
 * started both closes the consumer's stdin once the producer has committed its last row (bin/pipeline does);
 * ends taken after that include every committed row.
 */
final class StopAtEnd {
    private StopAtEnd() {
    }

    /** --stop-at-end: the ends are final from the start. */
    static BooleanSupplier now() {
        return () -> true;
    }

    /**
     * --stop-at-end-after-stdin: final once {@code in} reaches its end (or fails: the program that would have
     * closed it is gone). Read on a daemon thread; whatever is written there is ignored.
     */
    static BooleanSupplier afterEndOf(InputStream in) {
        AtomicBoolean ended = new AtomicBoolean();
        Thread reader = new Thread(() -> {
            byte[] ignored = new byte[256];
            try {
                while (in.read(ignored) >= 0) {
                    // Nothing is expected on stdin; only its end counts.
                }
            } catch (IOException closed) {
                // As good as its end.
            }
            ended.set(true);
        }, "aq-consume-stdin");
        reader.setDaemon(true);
        reader.start();
        return ended::get;
    }
}
