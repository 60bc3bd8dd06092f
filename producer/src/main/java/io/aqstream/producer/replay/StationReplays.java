package io.aqstream.producer.replay;

import io.aqstream.common.cli.ExitCodes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Several files (stations) replayed by one process: one {@link Replayer} per file on its own thread, each
 * with its own transactional producer and checkpoint, so each is exactly once on its own, as when run alone,
 * and a SIGKILL of the process is recovered file by file by the same command. Paced, they share one data
 * clock ({@link Pacer.Anchor}); at {@code --speed max} they run in parallel, their transactions overlapping.
 *
 * <p>Each station's summary is printed whole when it ends, so summaries never interleave. The first failure
 * (a bad row under --on-error fail, Kafka gone) stops the others, which abort their open transaction, and is
 * rethrown.
 */
public final class StationReplays {
    private final List<ReplaySettings> stations;
    private final PrintWriter out;
    private final PrintWriter err;
    private final AtomicBoolean stop;

    public StationReplays(List<ReplaySettings> stations, PrintWriter out, PrintWriter err, AtomicBoolean stop) {
        this.stations = stations;
        this.out = out;
        this.err = err;
        this.stop = stop;
    }

    /** @return {@link ExitCodes#OK}, or {@link ExitCodes#INTERRUPTED} after Ctrl-C; failures throw */
    public int run() {
        Pacer.Anchor anchor = new Pacer.Anchor();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        AtomicBoolean interrupted = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        for (ReplaySettings s : stations) {
            Thread t = new Thread(() -> {
                StringWriter summary = new StringWriter();
                try {
                    int code = new Replayer(s, new PrintWriter(summary), err, stop, false, anchor).run();
                    interrupted.compareAndSet(false, code == ExitCodes.INTERRUPTED);
                } catch (RuntimeException e) {
                    if (failure.compareAndSet(null, e)) {
                        stop.set(true);
                    }
                } finally {
                    synchronized (out) {
                        out.print(summary);
                        out.flush();
                    }
                }
            }, "aq-produce-" + s.fileName());
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop.set(true);
            }
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return interrupted.get() || stop.get() ? ExitCodes.INTERRUPTED : ExitCodes.OK;
    }
}
