package io.aqstream.common.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A clean stop on Ctrl-C (SIGINT) or SIGTERM, for a command whose work runs in the main thread: a
 * shutdown hook runs {@code onSignal} (e.g. asks the work to stop), then holds the JVM's exit until the
 * work calls {@link #done()}, at most {@code grace}. The JVM then exits with 128 + the signal's number, as
 * any Java program stopped by a signal: 130 for Ctrl-C, 143 for SIGTERM.
 *
 * <pre>
 * GracefulStop stop = GracefulStop.install("aq-consume-shutdown", Duration.ofSeconds(60), loop::requestStop);
 * try {
 *     loop.run();
 * } finally {
 *     stop.done();
 * }
 * </pre>
 *
 * When the work ends by itself, {@link #done()} removes the hook, so a later exit runs nothing.
 */
public final class GracefulStop {
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread hook;

    private GracefulStop(String threadName, Duration grace, Runnable onSignal) {
        hook = new Thread(() -> {
            onSignal.run();
            try {
                done.await(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, threadName);
    }

    /**
     * Installs the shutdown hook.
     *
     * @param threadName the hook thread's name, seen in thread dumps
     * @param grace how long the exit waits for {@link #done()} after {@code onSignal}; zero when
     *     {@code onSignal} does the whole stop itself
     * @param onSignal runs in the hook's thread when the JVM starts to shut down
     */
    public static GracefulStop install(String threadName, Duration grace, Runnable onSignal) {
        GracefulStop stop = new GracefulStop(threadName, grace, onSignal);
        Runtime.getRuntime().addShutdownHook(stop.hook);
        return stop;
    }

    /**
     * The work is over: a shutdown waiting for it may go on; without one, the hook is removed.
     *
     * @return true when the hook was removed; false when a signal came first: the JVM is shutting down and
     *     the hook runs (or ran) {@code onSignal}
     */
    public boolean done() {
        done.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
            return true;
        } catch (IllegalStateException shuttingDown) {
            return false;
        }
    }
}
