package io.aqstream.kraft;

import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.UserException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The checks that run before anything is started, in the order that gives the most useful message:
 * every setting valid for Kafka, data dirs usable, free disk (warning only), no other node on this data, storage formatted for this
 * node id, ports free.
 */
public final class Preflight {
    /** Below this, start-up warns: a single segment may grow to 1 GiB. */
    static final long LOW_DISK_BYTES = 1L << 30;

    private Preflight() {
    }

    public static void run(NodeConfig config, PrintWriter err) {
        checkAllButPorts(config, err);
        PortCheck.checkFree(config);
    }

    /** The same checks for node {@code node} of the local cluster (its port error moves the whole cluster). */
    static void runClusterNode(ClusterLayout layout, int node, PrintWriter err) {
        NodeConfig config = layout.nodeConfig(node);
        checkAllButPorts(config, err);
        PortCheck.checkFree(config, layout, node);
    }

    private static void checkAllButPorts(NodeConfig config, PrintWriter err) {
        EmbeddedNode.validate(config);
        for (Path dir : config.allDataDirs()) {
            ensureWritable(dir);
            warnIfLowDisk(dir, err);
        }
        NodeLock.checkNotRunning(config);
        Storage.checkNodeId(config);
    }

    static void ensureWritable(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw notWritable(dir, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
            throw notWritable(dir, "no write permission");
        }
        Path probe = dir.resolve(".aq-write-test");
        try {
            Files.deleteIfExists(probe);
            Files.createFile(probe);
            Files.delete(probe);
        } catch (IOException e) {
            throw notWritable(dir, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static UserException notWritable(Path dir, String why) {
        return new UserException(ExitCodes.ENVIRONMENT, "the data dir " + dir + " is not writable (" + why
                + "). Fix its permissions (e.g. chown -R $USER " + dir + "), or choose another folder with"
                + " --override log.dirs=PATH.");
    }

    static void warnIfLowDisk(Path dir, PrintWriter err) {
        try {
            long free = Files.getFileStore(dir).getUsableSpace();
            if (free < LOW_DISK_BYTES) {
                err.printf("warning: only %d MB free on the disk of %s; Kafka keeps up to 7 days of data there and"
                        + " stops when the disk is full. Free some space, or move the data with --override"
                        + " log.dirs=PATH.%n", free >> 20, dir);
                err.flush();
            }
        } catch (IOException e) {
            // unknown free space: nothing to warn about
        }
    }
}
