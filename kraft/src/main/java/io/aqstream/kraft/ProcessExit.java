package io.aqstream.kraft;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;

/**
 * Whether a node's process has ended, for the stop commands, which wait for it. A node started with --daemon
 * is not our child: once its launcher exits, its parent is the system's init process, and until that process
 * reaps it, an ended node stays a zombie, which Java's {@link ProcessHandle#isAlive} and {@code onExit} count as
 * alive. A zombie holds no port, file or lock, so for a stop it is gone. Measured on the CI machine, whose init
 * reaps late: a node ended 0.35 s after SIGTERM was seen gone by {@code onExit} 1.8 s after it; in a container
 * whose first process never reaps, never. Linux shows the state in /proc; elsewhere {@code isAlive} alone. The
 * tests' nodes are told running or gone the same way.
 */
public final class ProcessExit {
    private static final Duration POLL = Duration.ofMillis(20);

    private ProcessExit() {
    }

    /** True once the process has ended (reaped or not). */
    public static boolean ended(ProcessHandle process) {
        return !process.isAlive() || zombie(process.pid());
    }

    /** True when no process has this pid any more, or it has ended (reaped or not). */
    public static boolean ended(long pid) {
        return ProcessHandle.of(pid).map(ProcessExit::ended).orElse(true);
    }

    /** Waits until the process has ended; false when {@code timeout} passed first. */
    static boolean await(ProcessHandle process, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ended(process)) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(POLL.toMillis());
        }
        return true;
    }

    /**
     * Linux: the state field of /proc/PID/stat is 'Z'. It follows the command name in parentheses, which may
     * itself hold spaces and parentheses, so it is read after the last ')'.
     */
    static boolean zombie(long pid) {
        Path stat = Paths.get("/proc", Long.toString(pid), "stat");
        try {
            String line = new String(Files.readAllBytes(stat), StandardCharsets.US_ASCII);
            int end = line.lastIndexOf(')');
            return end > 0 && end + 2 < line.length() && line.charAt(end + 2) == 'Z';
        } catch (IOException | SecurityException notLinuxOrGone) {
            return false;
        }
    }
}
