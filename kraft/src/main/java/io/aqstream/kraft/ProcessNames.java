package io.aqstream.kraft;

/** Short, readable names for processes in error messages ("java ... kafka.Kafka" rather than a 4 KB classpath). */
final class ProcessNames {
    private ProcessNames() {
    }

    /**
     * A short name for a running process, or "" when unknown. Reads {@code /proc/PID/cmdline} itself:
     * ProcessHandle.Info truncates long command lines (a java command with a big classpath).
     */
    static String of(long pid) {
        java.nio.file.Path cmdline = java.nio.file.Paths.get("/proc", Long.toString(pid), "cmdline");
        try {
            byte[] raw = java.nio.file.Files.readAllBytes(cmdline);
            if (raw.length > 0) {
                return shorten(new String(raw, java.nio.charset.StandardCharsets.UTF_8).replace('\0', ' '));
            }
        } catch (java.io.IOException | SecurityException e) {
            // fall back to what the JDK knows
        }
        return ProcessHandle.of(pid).flatMap(p -> p.info().commandLine()).map(ProcessNames::shorten).orElse("");
    }

    static String shorten(String commandLine) {
        String[] parts = commandLine.trim().split("\\s+");
        if (parts.length == 0) {
            return commandLine;
        }
        String program = parts[0].substring(parts[0].lastIndexOf('/') + 1);
        if (program.equals("java")) {
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i];
                if (p.equals("-cp") || p.equals("-classpath") || p.equals("--class-path") || p.equals("-jar")) {
                    if (p.equals("-jar") && i + 1 < parts.length) {
                        return "java -jar " + parts[i + 1];
                    }
                    i++;
                } else if (!p.startsWith("-")) {
                    return "java " + p;
                }
            }
        }
        String joined = String.join(" ", parts);
        return joined.length() > 100 ? joined.substring(0, 97) + "..." : joined;
    }
}
