package io.aqstream.kraft;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Which process listens on a TCP port, the way {@code ss -ltnp} finds it on Linux: the socket inodes
 * of listening sockets in {@code /proc/net/tcp{,6}}, then the process whose {@code /proc/PID/fd} links
 * to one of them. Best effort: another user's processes cannot be inspected, and other systems have
 * no /proc; the answer is then "unknown".
 */
public final class PortOwners {
    private static final String LISTEN = "0A";

    private PortOwners() {
    }

    /**
     * " by pid N (command)" when it can be found, else " by another program (find it with: ...)", with
     * the command that finds it on this system: ss on Linux, lsof on macOS, netstat on Windows.
     */
    public static String describeOwner(int port) {
        OptionalLong pid = pidListeningOn(port);
        if (pid.isPresent()) {
            String command = ProcessNames.of(pid.getAsLong());
            return " by pid " + pid.getAsLong() + (command.isEmpty() ? "" : " (" + command + ")");
        }
        return " by another program (find it with: " + findCommand(port) + ")";
    }

    static String findCommand(int port) {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        if (os.contains("win")) {
            return "netstat -ano | findstr :" + port;
        }
        if (os.contains("mac") || os.contains("darwin") || os.contains("bsd")) {
            return "lsof -nP -iTCP:" + port + " -sTCP:LISTEN";
        }
        return "ss -ltnp 'sport = :" + port + "'";
    }

    static OptionalLong pidListeningOn(int port) {
        Set<String> inodes = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            inodes.addAll(listeningInodes(Paths.get(table), port));
        }
        if (inodes.isEmpty()) {
            return OptionalLong.empty();
        }
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Paths.get("/proc"), "[0-9]*")) {
            for (Path proc : procs) {
                if (holdsSocket(proc, inodes)) {
                    return OptionalLong.of(Long.parseLong(proc.getFileName().toString()));
                }
            }
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    private static Set<String> listeningInodes(Path table, int port) {
        Set<String> inodes = new HashSet<>();
        if (!Files.isReadable(table)) {
            return inodes;
        }
        String portHex = String.format(":%04X", port);
        try {
            for (String line : Files.readAllLines(table)) {
                // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
                String[] f = line.trim().split("\\s+");
                if (f.length > 9 && f[1].endsWith(portHex) && f[3].equals(LISTEN)) {
                    inodes.add(f[9]);
                }
            }
        } catch (IOException e) {
            return inodes;
        }
        return inodes;
    }

    private static boolean holdsSocket(Path proc, Set<String> inodes) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
            for (Path fd : fds) {
                String target;
                try {
                    target = Files.readSymbolicLink(fd).toString();
                } catch (IOException | UnsupportedOperationException e) {
                    continue;
                }
                if (target.startsWith("socket:[") && inodes.contains(target.substring(8, target.length() - 1))) {
                    return true;
                }
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return false;
    }
}
