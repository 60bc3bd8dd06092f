package io.aqstream.kraft;

import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.UserException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Stops the running nodes of the cluster together: each gets SIGTERM at once, then all are awaited. One
 * after the other, the last broker would wait for a controller quorum that is already gone to grant its
 * controlled shutdown; for the same reason, nodes left without a majority are ended with SIGKILL.
 */
final class ClusterStopper {
    private ClusterStopper() {
    }

    /** Node number to pid, for the nodes of the cluster that run now. */
    static Map<Integer, Long> runningPids(ClusterLayout layout) {
        Map<Integer, Long> running = new TreeMap<>();
        for (int n = 1; n <= layout.size(); n++) {
            OptionalLong pid = NodeLock.runningPid(layout.nodeConfig(n));
            if (pid.isPresent() && ProcessHandle.of(pid.getAsLong()).map(ProcessHandle::isAlive).orElse(false)) {
                running.put(n, pid.getAsLong());
            }
        }
        return running;
    }

    /** @return the nodes that were stopped (node number to pid); empty when none ran */
    static Map<Integer, Long> stopAll(ClusterLayout layout, long timeoutSeconds, PrintWriter err)
            throws InterruptedException {
        Map<Integer, Long> running = runningPids(layout);
        if (running.isEmpty()) {
            return running;
        }
        // A clean stop hands the node's partitions over through the controller quorum. With most of the
        // nodes already gone there is no quorum, and Kafka's broker would wait for it for minutes.
        boolean noQuorum = running.size() * 2 <= layout.size() && running.size() < layout.size();
        if (noQuorum) {
            boolean one = running.size() == 1;
            err.println("Only node" + (one ? " " : "s ") + running.keySet() + " of " + layout.size() + (one ? " runs" : " run")
                    + ": without a controller majority no clean stop is possible, so " + (one ? "it is" : "they are")
                    + " ended at once (SIGKILL). Committed data is kept; the next start recovers the log, a few seconds"
                    + " longer.");
        } else {
            err.println("Stopping the cluster's nodes " + running.keySet() + " (pids " + running.values()
                    + ") and waiting until they are gone...");
        }
        err.flush();
        List<ProcessHandle> handles = new ArrayList<>();
        running.values().forEach(pid -> ProcessHandle.of(pid).ifPresent(h -> {
            if (noQuorum) {
                h.destroyForcibly();
            } else {
                h.destroy();
            }
            handles.add(h);
        }));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        for (ProcessHandle h : handles) {
            try {
                h.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                throw new UserException(ExitCodes.FAILURE, "node pid " + h.pid() + " did not stop within "
                        + timeoutSeconds + " s. It may still be shutting down: see logs/nodeN/server.log and run"
                        + " bin/stop-kraft again, or end it at once with 'kill -9 " + h.pid() + "' (committed data is kept).");
            }
        }
        return running;
    }
}
