package io.aqstream.kraft;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A node running in a child JVM (start-kraft's own main, with {@code --ready-file}), as started by
 * {@code start-kraft --daemon} and by test fixtures: waits until it is ready, stops it cleanly
 * (SIGTERM, the same as bin/stop-kraft) or kills it (SIGKILL).
 */
public final class NodeProcess {
    /** How long a start interrupted by Ctrl-C waits for the half-started node to stop. */
    private static final long ABANDONED_STOP_SECONDS = 30;
    /** The shutdown hook of each launched node that is not ready yet. */
    private static final Map<Process, Thread> UNTIL_READY = new ConcurrentHashMap<>();
    private final Process process;
    private final ReadyFile ready;

    private NodeProcess(Process process, ReadyFile ready) {
        this.process = process;
        this.ready = ready;
    }

    /**
     * Starts {@code builder} (a start-kraft command line) with {@code --ready-file readyFile} appended
     * and returns once the node is ready; throws {@link NodeStartException} if it exits first, or is not
     * ready within {@code timeout} (then it is killed).
     */
    public static NodeProcess start(ProcessBuilder builder, Path readyFile, Duration timeout)
            throws IOException, InterruptedException {
        return awaitReady(launch(builder, readyFile), readyFile, timeout);
    }

    /**
     * Starts the node without waiting: the nodes of a cluster must all be launched before any can be
     * ready, since a broker waits for a controller quorum. {@link #awaitReady} then waits for each.
     */
    static Process launch(ProcessBuilder builder, Path readyFile) throws IOException {
        Files.deleteIfExists(readyFile);
        List<String> command = new ArrayList<>(builder.command());
        command.add("--ready-file");
        command.add(readyFile.toAbsolutePath().toString());
        builder.command(command);
        Process process = builder.start();
        if (builder.redirectInput() == ProcessBuilder.Redirect.PIPE) {
            process.getOutputStream().close(); // nothing to read: end of input at once
        }
        // Ctrl-C (or SIGTERM) before the node is ready: nobody has been told about this node, so it must
        // not outlive us (a --daemon node is in its own session and would). Stopped cleanly, as stop-kraft
        // does; awaitReady removes the hook once the node is ready.
        Thread abandoned = new Thread(() -> stopQuietly(process), "aq-kraft-start-abandoned-" + process.pid());
        Runtime.getRuntime().addShutdownHook(abandoned);
        UNTIL_READY.put(process, abandoned);
        return process;
    }

    /** Waits until the node launched as {@code process} writes {@code readyFile}; as {@link #start}. */
    static NodeProcess awaitReady(Process process, Path readyFile, Duration timeout)
            throws IOException, InterruptedException {
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!Files.exists(readyFile)) {
                if (process.waitFor(20, TimeUnit.MILLISECONDS)) {
                    throw new NodeStartException(process.exitValue(),
                            "the node exited with code " + process.exitValue() + " before it was ready");
                }
                if (System.nanoTime() > deadline) {
                    process.destroyForcibly().waitFor();
                    throw new NodeStartException(-1, "the node was not ready after " + timeout.toSeconds()
                            + " s and was killed");
                }
            }
        } finally {
            Thread abandoned = UNTIL_READY.remove(process);
            try {
                Runtime.getRuntime().removeShutdownHook(abandoned);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it stops the node
            }
        }
        return new NodeProcess(process, ReadyFile.read(readyFile));
    }

    private static void stopQuietly(Process process) {
        process.destroy();
        try {
            process.waitFor(ABANDONED_STOP_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public ReadyFile ready() {
        return ready;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM, then waits until the process is gone; returns its exit code. */
    public int stop() throws InterruptedException {
        process.destroy();
        return process.waitFor();
    }

    /** SIGKILL, then waits until the process is gone: the hard crash a node must survive. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** The child's process, e.g. to let it outlive its parent (--daemon). */
    public Process process() {
        return process;
    }

    /** The node process ended before it was ready; its own output says why. */
    public static final class NodeStartException extends IOException {
        private static final long serialVersionUID = 1L;
        private final int exitCode;

        NodeStartException(int exitCode, String message) {
            super(message);
            this.exitCode = exitCode;
        }

        /** The node's exit code, or -1 when it timed out. */
        public int exitCode() {
            return exitCode;
        }
    }
}
