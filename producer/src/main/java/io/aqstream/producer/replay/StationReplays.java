package io.aqstream.producer.replay;

import io.aqstream.common.TaskThreads;
import io.aqstream.common.cli.ExitCodes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

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
        AtomicBoolean interrupted = new AtomicBoolean();
        Map<String, Runnable> replays = new LinkedHashMap<>();
        for (ReplaySettings s : stations) {
            replays.put("aq-produce-" + s.fileName(), () -> {
                StringWriter summary = new StringWriter();
                try {
                    int code = new Replayer(s, new PrintWriter(summary), err, stop, false, anchor).run();
                    interrupted.compareAndSet(false, code == ExitCodes.INTERRUPTED);
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
}
