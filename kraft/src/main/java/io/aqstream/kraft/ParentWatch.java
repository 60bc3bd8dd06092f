package io.aqstream.kraft;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Ends this node (cleanly, through the shutdown hook) when a given process ends: a test JVM that is
 * killed cannot close its fixtures, and an orphaned node would hold its ports and memory for ever.
 */
final class ParentWatch {
    private ParentWatch() {
    }

    static void start(long pid) {
        Optional<ProcessHandle> parent = ProcessHandle.of(pid);
        Thread t = new Thread(() -> {
            try {
                while (parent.isPresent() && !ProcessExit.ended(parent.get())) {
                    TimeUnit.SECONDS.sleep(1);
                }
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("The process that started this node (pid " + pid + ") has ended: stopping the node.");
            System.exit(0);
        }, "aq-kraft-parent-watch");
        t.setDaemon(true);
        t.start();
    }
}
