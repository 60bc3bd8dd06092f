package io.aqstream.kraft;

import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.UserException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.OptionalLong;

/**
 * One node per data dir. The launcher holds its own lock file in the metadata log dir for the whole
 * life of the node and writes a pid file beside it (read by bin/stop-kraft). Kafka's own
 * {@code .lock} is checked too, so a stock Kafka on the same folder is refused with our message rather
 * than the broker's stack trace. The OS releases both locks when the process dies, even by SIGKILL.
 */
public final class NodeLock implements AutoCloseable {
    public static final String LOCK_FILE = "aq-kraft.lock";
    public static final String PID_FILE = "aq-kraft.pid";
    private static final String KAFKA_LOCK_FILE = ".lock";

    private final FileChannel channel;
    private final FileLock lock;
    private final Path pidFile;

    private NodeLock(FileChannel channel, FileLock lock, Path pidFile) {
        this.channel = channel;
        this.lock = lock;
        this.pidFile = pidFile;
    }

    /** Takes the data dir for this process and records its pid, or explains who has it. */
    public static NodeLock acquire(NodeConfig config) {
        Path dir = config.metadataLogDir();
        checkKafkaLocks(config);
        Path lockFile = dir.resolve(LOCK_FILE);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                throw alreadyRunning(config, lockFile);
            }
            Path pidFile = dir.resolve(PID_FILE);
            Path tmp = dir.resolve(PID_FILE + ".tmp");
            Files.writeString(tmp, ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
            Files.move(tmp, pidFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new NodeLock(channel, lock, pidFile);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UserException(ExitCodes.ENVIRONMENT, "cannot lock the data dir " + dir + " ("
                    + e.getMessage() + "). Check that it is writable by you.", e);
        }
    }

    /** Fails with the "already running" message when a node holds this data dir; holds nothing itself. */
    public static void checkNotRunning(NodeConfig config) {
        if (!Files.isDirectory(config.metadataLogDir())) {
            return;
        }
        acquire(config).releaseForCheck();
    }

    /** The pid of the node running on this data dir, if one is running. */
    public static OptionalLong runningPid(NodeConfig config) {
        Path lockFile = config.metadataLogDir().resolve(LOCK_FILE);
        if (!Files.isRegularFile(lockFile)) {
            return OptionalLong.empty();
        }
        OptionalLong holder = LockHolders.pidHolding(lockFile);
        if (holder.isPresent()) {
            return holder;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = tryLock(channel);
            if (lock != null) {
                lock.release();
                return OptionalLong.empty();
            }
        } catch (IOException e) {
            return OptionalLong.empty();
        }
        return pidFromFile(config);
    }

    /** The pid recorded in the pid file, if any (the process may be gone). */
    public static OptionalLong pidFromFile(NodeConfig config) {
        Path pidFile = config.metadataLogDir().resolve(PID_FILE);
        try {
            return OptionalLong.of(Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).trim()));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static void checkKafkaLocks(NodeConfig config) {
        for (Path dir : config.allDataDirs()) {
            Path kafkaLock = dir.resolve(KAFKA_LOCK_FILE);
            if (!Files.isRegularFile(kafkaLock)) {
                continue;
            }
            try (FileChannel channel = FileChannel.open(kafkaLock, StandardOpenOption.WRITE)) {
                FileLock lock = tryLock(channel);
                if (lock == null) {
                    throw alreadyRunning(config, kafkaLock);
                }
                lock.release();
            } catch (IOException e) {
                throw new UserException(ExitCodes.ENVIRONMENT, "cannot open " + kafkaLock + " (" + e.getMessage()
                        + "). Check that the data dir is writable by you.", e);
            }
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by this very JVM
        }
    }

    private static UserException alreadyRunning(NodeConfig config, Path lockFile) {
        OptionalLong pid = LockHolders.pidHolding(lockFile);
        if (pid.isEmpty() && lockFile.getFileName().toString().equals(LOCK_FILE)) {
            pid = pidFromFile(config);
        }
        String who = pid.isPresent() ? " (pid " + pid.getAsLong() + describe(pid.getAsLong()) + ")" : "";
        return new UserException(ExitCodes.ENVIRONMENT, "a Kafka node is already running on the data dir "
                + lockFile.getParent() + who + ". Use that node (bootstrap " + config.bootstrapServers()
                + "), or stop it first with bin/stop-kraft; a second node on the same data would corrupt it.");
    }

    private static String describe(long pid) {
        String name = ProcessNames.of(pid);
        return name.isEmpty() ? "" : ": " + name;
    }

    /** Used by checks that must not keep the lock: releases it and leaves the pid file to its owner. */
    private void releaseForCheck() {
        try {
            // The pid file we just wrote names this short-lived process; the real node rewrites it.
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // a stale pid file is harmless: its pid is checked against the lock holder
        }
        closeQuietly(channel);
    }

    /** Releases the data dir: deletes the pid file (if it is still ours) and the lock. */
    @Override
    public void close() {
        OptionalLong recorded = OptionalLong.empty();
        try {
            recorded = OptionalLong.of(Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).trim()));
        } catch (IOException | NumberFormatException ignored) {
            // already gone
        }
        if (recorded.isPresent() && recorded.getAsLong() == ProcessHandle.current().pid()) {
            try {
                Files.deleteIfExists(pidFile);
            } catch (IOException ignored) {
                // the next start overwrites it
            }
        }
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing useful to do
            }
        }
    }

    /** Files this class keeps in the metadata log dir (for reset). */
    static List<String> ownFiles() {
        return List.of(LOCK_FILE, PID_FILE, PID_FILE + ".tmp", "aq-kraft.ready");
    }
}
