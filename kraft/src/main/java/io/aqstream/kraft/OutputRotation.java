package io.aqstream.kraft;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Keeps the daemon node's console output (logs/server.out) from growing forever: at each
 * {@code start-kraft --daemon}, the previous output becomes server.out.1, the one before server.out.2, and
 * so on up to {@link #KEEP}; the oldest is deleted. Each start then has a file of its own, which is also
 * the one to read when that start fails.
 *
 * <p>Why at each start and not by size: the node writes this file itself, through the stdout the launcher
 * gave it, and runs on after the launcher has exited, so nothing is left to cut it while it runs. Little
 * goes there anyway: the node's own messages and a fatal error's last words; its log proper is
 * logs/server.log, which Log4j rotates by size (conf/log4j2.xml).
 */
public final class OutputRotation {
    /** Outputs of earlier starts that are kept, as server.out.1 (the last) to server.out.5 (the oldest). */
    public static final int KEEP = 5;

    private OutputRotation() {
    }

    /** Moves {@code file} to {@code file.1}, {@code file.1} to {@code file.2}, ...; a missing file is skipped. */
    static void rotate(Path file, int keep) throws IOException {
        Files.deleteIfExists(numbered(file, keep));
        for (int i = keep - 1; i >= 1; i--) {
            moveIfExists(numbered(file, i), numbered(file, i + 1));
        }
        moveIfExists(file, numbered(file, 1));
    }

    public static Path numbered(Path file, int n) {
        return file.resolveSibling(file.getFileName() + "." + n);
    }

    private static void moveIfExists(Path from, Path to) throws IOException {
        if (Files.exists(from)) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
