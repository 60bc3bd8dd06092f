package io.aqstream.e2e.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Memory of a running process from Linux's /proc/PID/status, in kB; 0 once the process is gone. */
final class ProcStatus {
    private ProcStatus() {
    }

    /** VmHWM: the peak resident set size of the process so far. */
    static long peakRssKb(long pid) {
        return field(pid, "VmHWM:");
    }

    /** VmRSS: the resident set size now. */
    static long rssKb(long pid) {
        return field(pid, "VmRSS:");
    }

    private static long field(long pid, String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the process just ended
        }
        return 0;
    }
}
