package io.aqstream.kraft;

import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.UserException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The node's data dirs, and their deletion (bin/reset-kraft, bin/start-over). */
final class NodeData {
    private NodeData() {
    }

    /** The data dirs of {@code config} that exist, each checked to be Kafka's (never delete anything else). */
    static List<Path> existingDirs(NodeConfig config) throws IOException {
        List<Path> dirs = new ArrayList<>();
        for (Path dir : config.allDataDirs()) {
            if (Files.isDirectory(dir)) {
                checkLooksLikeKafka(dir, config);
                dirs.add(dir);
            }
        }
        return dirs;
    }

    /** Never delete a folder that is not a Kafka data dir: log.dirs might point at something precious. */
    private static void checkLooksLikeKafka(Path dir, NodeConfig config) throws IOException {
        if (Files.isRegularFile(dir.resolve(Storage.META_PROPERTIES))) {
            return;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            boolean onlyOurs = entries.allMatch(p -> NodeLock.ownFiles().contains(p.getFileName().toString())
                    || p.getFileName().toString().equals(".lock"));
            if (onlyOurs) {
                return;
            }
        }
        throw new UserException(ExitCodes.BAD_INPUT, dir + " does not look like a Kafka data dir (no "
                + Storage.META_PROPERTIES + "), so nothing was deleted. Check log.dirs in " + config.file()
                + ", or delete the folder yourself.");
    }

    static long size(List<Path> dirs) throws IOException {
        long total = 0;
        for (Path dir : dirs) {
            try (Stream<Path> files = Files.walk(dir)) {
                total += files.filter(Files::isRegularFile).mapToLong(p -> {
                    try {
                        return Files.size(p);
                    } catch (IOException e) {
                        return 0;
                    }
                }).sum();
            }
        }
        return total;
    }

    /** Deletes the dirs; refused (exit 5) while a node runs on them, and a node started meanwhile is refused. */
    static void delete(NodeConfig config, List<Path> dirs) throws IOException {
        if (dirs.isEmpty()) {
            return; // already gone (reset before): nothing to lock, and no folder to put a lock file in
        }
        NodeLock lock = NodeLock.acquire(config);
        try {
            for (Path dir : dirs) {
                deleteContents(dir, dir.equals(config.metadataLogDir()) ? NodeLock.ownFiles() : List.of());
            }
        } finally {
            lock.close();
        }
        for (Path dir : dirs) {
            deleteTree(dir);
        }
    }

    private static void deleteContents(Path dir, List<String> keep) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                if (!keep.contains(p.getFileName().toString())) {
                    deleteTree(p);
                }
            }
        }
    }

    static void deleteTree(Path root) {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            throw new UserException(ExitCodes.ENVIRONMENT, "cannot delete " + root + " (" + e.getMessage()
                    + "). Check its permissions and delete it yourself.", e);
        }
    }
}
