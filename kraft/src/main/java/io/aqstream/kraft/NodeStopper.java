package io.aqstream.kraft;

import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.UserException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/** Stops the node that runs on a configuration's data dir, cleanly (SIGTERM), and waits until it is gone. */
final class NodeStopper {
    private NodeStopper() {
    }

    /** @return the pid of the node that was stopped, or empty when none was running */
    static OptionalLong stop(NodeConfig config, long timeoutSeconds, PrintWriter err)
            throws InterruptedException {
        OptionalLong pid = NodeLock.runningPid(config);
        Optional<ProcessHandle> process = pid.isPresent() ? ProcessHandle.of(pid.getAsLong()) : Optional.empty();
        if (process.isEmpty() || ProcessExit.ended(process.get())) {
            return OptionalLong.empty();
        }
        err.println("Stopping the KRaft node (pid " + pid.getAsLong() + ") and waiting until it is gone...");
        err.flush();
        process.get().destroy();
        if (!ProcessExit.await(process.get(), Duration.ofSeconds(timeoutSeconds))) {
            throw new UserException(ExitCodes.FAILURE, "the node (pid " + pid.getAsLong() + ") did not stop within "
                    + timeoutSeconds + " s. It may still be shutting down: see logs/server.log and run bin/stop-kraft"
                    + " again, or end it at once with 'kill -9 " + pid.getAsLong() + "' (committed data is kept).");
        }
        return pid;
    }
}
