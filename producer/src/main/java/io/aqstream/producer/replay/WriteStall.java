package io.aqstream.producer.replay;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Says, once, when a write to Kafka has been blocked for {@link #AFTER}. Kafka's producer waits in silence
 * while a cluster cannot take writes (two of three brokers down: no controller majority, fewer in-sync
 * replicas than min.insync.replicas): up to max.block.ms (60 s) in initTransactions and commitTransaction,
 * up to delivery.timeout.ms (120 s) for a record. The user should not stare at a silent terminal for that
 * long: after {@link #AFTER} a warning names what is wrong ({@link ClusterDiagnosis}) and what to do, while
 * the replay goes on waiting, so that it continues by itself if the brokers return in time. When the write
 * completes, a second line says so.
 */
final class WriteStall implements AutoCloseable {
    /** Well inside the 30 s a user waits before wondering; well above a leader election after one broker is lost (~9 s). */
    static final Duration AFTER = Duration.ofSeconds(15);

    private final PrintWriter err;
    private final Supplier<String> diagnosis;
    private final LongSupplier committedLine;
    private final AtomicLong blockedSince = new AtomicLong();
    private final ScheduledExecutorService timer;
    private volatile boolean reported;

    /**
     * @param diagnosis what is wrong and what to do, asked for on the watch's own thread
     * @param committedLine the last line whose rows are committed, for the message
     */
    WriteStall(PrintWriter err, Supplier<String> diagnosis, LongSupplier committedLine) {
        this.err = err;
        this.diagnosis = diagnosis;
        this.committedLine = committedLine;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "aq-produce-write-stall");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::check, 1, 1, TimeUnit.SECONDS);
    }

    /** A write that may block begins (initTransactions, send, commitTransaction). */
    void enter() {
        blockedSince.set(System.nanoTime());
    }

    /** The write ended, one way or the other. */
    void exit(boolean completed) {
        blockedSince.set(0);
        if (reported && completed) {
            reported = false;
            synchronized (err) {
                err.println("Kafka takes writes again; the replay goes on from line " + committedLine.getAsLong() + ".");
                err.flush();
            }
        }
    }

    private void check() {
        long since = blockedSince.get();
        if (since == 0 || reported || System.nanoTime() - since < AFTER.toNanos()) {
            return;
        }
        reported = true;
        String why = diagnosis.get();
        synchronized (err) {
            err.println("warning: no write has completed for " + AFTER.toSeconds() + " s: " + why + " The replay waits"
                    + " and continues by itself when they are back; otherwise it stops within 2 minutes with exit 4,"
                    + " and rows up to line " + committedLine.getAsLong() + " stay committed: run the same command again"
                    + " to continue after them.");
            err.flush();
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
