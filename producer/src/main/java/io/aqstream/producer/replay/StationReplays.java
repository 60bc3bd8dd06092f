package io.aqstream.producer.replay;

import io.aqstream.common.TaskThreads;
import io.aqstream.common.cli.ExitCodes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Several files (stations) replayed by one process: one {@link Replayer} per file on its own thread, each
 * with its own transactional producer and checkpoint, so each is exactly once on its own, as when run alone,
 * and a SIGKILL of the process is recovered file by file by the same command. Paced, they share one data
 * clock ({@link Pacer.Anchor}); at {@code --speed max} they run in parallel, their transactions overlapping,
 * at most {@link #atOnce} of them at a time: each holds up to a transaction of rows in memory until Kafka
 * acknowledges them (the producer keeps every record it sent until then), and 30 stations at {@code
 * --batch-size 10000} ran bin/produce's 256 MB heap out. The others wait for a turn; exactly-once is per
 * station, so the order does not matter.
 *
 * <p>Each station's summary is printed whole when it ends, so summaries never interleave. The first failure
 * (a bad row under --on-error fail, Kafka gone) stops the others, which abort their open transaction, and is
 * rethrown.
 */
public final class StationReplays {
    /** Rows that the replays of one process may hold unacknowledged together at --speed max. */
    static final int ROWS_IN_FLIGHT = 80_000;

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
        AtomicBoolean interrupted = new AtomicBoolean();
        Semaphore turns = new Semaphore(atOnce(stations));
        Map<String, Runnable> replays = new LinkedHashMap<>();
        for (ReplaySettings s : stations) {
            replays.put("aq-produce-" + s.fileName(), () -> {
                StringWriter summary = new StringWriter();
                try {
                    if (!awaitTurn(turns)) {
                        interrupted.set(true);
                        new PrintWriter(summary, true).println("replay not started: " + s.file() + " (stopped before"
                                + " its turn came); the same command replays it.");
                        return;
                    }
                    try {
                        int code = new Replayer(s, new PrintWriter(summary), err, stop, false, anchor).run();
                        interrupted.compareAndSet(false, code == ExitCodes.INTERRUPTED);
                    } finally {
                        turns.release();
                    }
                } finally {
                    synchronized (out) {
                        out.print(summary);
                        out.flush();
                    }
                }
            });
        }
        TaskThreads.runAll(replays, () -> stop.set(true));
        return interrupted.get() || stop.get() ? ExitCodes.INTERRUPTED : ExitCodes.OK;
    }

    /**
     * How many replays run at once: all of them when paced (they share one data clock, and rows trickle), at
     * --speed max as many as keep {@link #ROWS_IN_FLIGHT} rows of open transactions (12 Beijing stations at
     * --batch-size 100 all run; at 10,000 rows a transaction, 8 at a time).
     */
    static int atOnce(List<ReplaySettings> stations) {
        ReplaySettings any = stations.get(0);
        if (!any.speed().isMax()) {
            return stations.size();
        }
        return Math.max(1, Math.min(stations.size(), ROWS_IN_FLIGHT / any.batchSize()));
    }

    /** @return false when the run was stopped (Ctrl-C, another station's failure) before this one's turn came */
    private boolean awaitTurn(Semaphore turns) {
        try {
            while (!stop.get()) {
                if (turns.tryAcquire(200, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }
}
