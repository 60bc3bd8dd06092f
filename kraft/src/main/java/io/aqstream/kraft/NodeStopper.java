package io.aqstream.kraft;

import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.UserException;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Stops the node that runs on a configuration's data dir, cleanly (SIGTERM), and waits until it is gone. */
final class NodeStopper {
    private NodeStopper() {
    }

    /** @return the pid of the node that was stopped, or empty when none was running */
    static OptionalLong stop(NodeConfig config, long timeoutSeconds, PrintWriter err)
            throws InterruptedException, ExecutionException {
        OptionalLong pid = NodeLock.runningPid(config);
        Optional<ProcessHandle> process = pid.isPresent() ? ProcessHandle.of(pid.getAsLong()) : Optional.empty();
        if (process.isEmpty() || !process.get().isAlive()) {
            return OptionalLong.empty();
        }
        err.println("Stopping the KRaft node (pid " + pid.getAsLong() + ") and waiting until it is gone...");
        err.flush();
        process.get().destroy();
        try {
            process.get().onExit().get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new UserException(ExitCodes.FAILURE, "the node (pid " + pid.getAsLong() + ") did not stop within "
                    + timeoutSeconds + " s. It may still be shutting down: see logs/server.log and run bin/stop-kraft"
                    + " again, or end it at once with 'kill -9 " + pid.getAsLong() + "' (committed data is kept).");
        }
        return pid;
    }
}
