package io.aqstream.kraft;

import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.UserException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Stops the running nodes of the cluster together: each gets SIGTERM at once, then all are awaited. One
 * after the other, the last broker would wait for a controller quorum that is already gone to grant its
 * controlled shutdown; for the same reason, nodes left without a majority are ended with SIGKILL.
 */
final class ClusterStopper {
    /** How long nodes left without a controller majority get to finish on their own; a clean stop takes seconds. */
    private static final Duration MINORITY_GRACE = Duration.ofSeconds(10);

    private ClusterStopper() {
    }

    /** Node number to pid, for the nodes of the cluster that run now. */
    static Map<Integer, Long> runningPids(ClusterLayout layout) {
        Map<Integer, Long> running = new TreeMap<>();
        for (int n = 1; n <= layout.size(); n++) {
            OptionalLong pid = NodeLock.runningPid(layout.nodeConfig(n));
            if (pid.isPresent() && !ProcessExit.ended(pid.getAsLong())) {
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
        long minorityGrace = 0;
        List<ProcessHandle> left = new ArrayList<>(handles);
        while (true) {
            left.removeIf(ProcessExit::ended);
            if (left.isEmpty()) {
                break;
            }
            if (System.nanoTime() > deadline) {
                long pid = left.get(0).pid();
                throw new UserException(ExitCodes.FAILURE, "node pid " + pid + " did not stop within "
                        + timeoutSeconds + " s. It may still be shutting down: see logs/nodeN/server.log and run"
                        + " bin/stop-kraft again, or end it at once with 'kill -9 " + pid + "' (committed data is kept).");
            }
            // Stopped together, the nodes that finish first take their controllers with them: a node still in
            // its clean stop may be left without a quorum to hand its partitions to, and would wait for minutes.
            // Counting the live processes is not enough: a node that hangs (frozen, swapping) still counts as
            // alive but answers no vote. So once one node is gone, the others get the grace, then SIGKILL.
            if (left.size() < handles.size()) {
                if (minorityGrace == 0) {
                    minorityGrace = System.nanoTime() + MINORITY_GRACE.toNanos();
                } else if (System.nanoTime() > minorityGrace) {
                    err.println("Node pid" + (left.size() == 1 ? " " : "s ") + left.stream().map(h -> Long.toString(h.pid()))
                            .toList() + " could not finish a clean stop within " + MINORITY_GRACE.toSeconds() + " s of the first"
                            + " node (it needs a controller majority, and the others are gone or not answering)."
                            + " Ended with SIGKILL; committed data is kept.");
                    err.flush();
                    left.forEach(ProcessHandle::destroyForcibly);
                    minorityGrace = Long.MAX_VALUE;
                }
            }
            Thread.sleep(20);
        }
        return running;
    }
}
