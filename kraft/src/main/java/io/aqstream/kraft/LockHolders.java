package io.aqstream.kraft;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.OptionalLong;

/**
 * Which process holds a file lock, from Linux's {@code /proc/locks} (inode → pid). Best effort: on
 * other systems, or when the file is unreadable, the answer is "unknown".
 */
final class LockHolders {
    private LockHolders() {
    }

    static OptionalLong pidHolding(Path file) {
        Path locks = Paths.get("/proc/locks");
        if (!Files.isReadable(locks)) {
            return OptionalLong.empty();
        }
        try {
            Object ino = Files.getAttribute(file, "unix:ino");
            String inode = ":" + ino;
            List<String> lines = Files.readAllLines(locks);
            long self = ProcessHandle.current().pid();
            for (String line : lines) {
                // "1: POSIX  ADVISORY  WRITE 1234 08:01:56789 0 EOF" (a "->" marks waiters: skip them)
                String[] f = line.trim().split("\\s+");
                if (f.length < 6 || line.contains("->")) {
                    continue;
                }
                if (f[5].endsWith(inode)) {
                    long pid = Long.parseLong(f[4]);
                    if (pid != self) {
                        return OptionalLong.of(pid);
                    }
                }
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }
}
