package io.aqstream.benchkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the benchmarks record about the machine they ran on, read from Linux's /proc. */
public final class MachineInfo {
    private MachineInfo() {
    }

    /** The CPU model name, or "unknown CPU" where /proc/cpuinfo says nothing. */
    public static String cpuModel() {
        for (String line : lines("/proc/cpuinfo")) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).strip();
            }
        }
        return "unknown CPU";
    }

    /** Total memory in whole GiB, or 0 where /proc/meminfo says nothing. */
    public static long totalMemoryGiB() {
        for (String line : lines("/proc/meminfo")) {
            if (line.startsWith("MemTotal:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024 / 1024;
            }
        }
        return 0;
    }

    /** /proc/loadavg's 1, 5 and 15 minute figures, e.g. "2.01 6.31 14.16", or "unknown". */
    public static String loadAverage() {
        List<String> lines = lines("/proc/loadavg");
        if (lines.isEmpty()) {
            return "unknown";
        }
        String[] f = lines.get(0).strip().split("\\s+");
        return f.length < 3 ? "unknown" : f[0] + " " + f[1] + " " + f[2];
    }

    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException e) {
            return List.of();
        }
    }
}
