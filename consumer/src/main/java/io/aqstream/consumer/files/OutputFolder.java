package io.aqstream.consumer.files;

import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.UserException;
import io.aqstream.common.processed.FileNames;
import io.aqstream.consumer.parquet.ParquetRowWriter;
import io.aqstream.consumer.parquet.RowWriter;
import java.io.IOException;
import org.apache.avro.Schema;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The folder of one topic's Parquet files ({@code <output>/<topic>/}) and the file-system steps of
 * exactly-once: recovering a partition's position from the finished file names, removing leftover
 * in-progress files, and publishing a finished file durably ({@link #sync} the file, atomic rename in
 * the same folder, fsync folder) before anyone commits an offset for it.
 *
 * <p>Every I/O failure becomes a {@link UserException} with {@link ExitCodes#ENVIRONMENT}: the fix
 * (permissions, disk space) is the user's, and nothing has been committed for unwritten rows.
 *
 * <p>The sink reaches the file system through this class only, so tests inject failures at any step
 * (a full disk, a crash before or after the rename) with a subclass, as kafka-connect-hdfs's tests do
 * with a failing storage; the product has no fault hooks.
 */
public class OutputFolder {
    private static final Logger LOG = LoggerFactory.getLogger(OutputFolder.class);

    private final Path dir;
    private final String topic;

    /** For tests' subclasses; the product opens folders with {@link #open}. */
    protected OutputFolder(Path dir, String topic) {
        this.dir = dir;
        this.topic = topic;
    }

    /** Creates {@code output/topic/} if needed and proves it writable with a probe file. */
    public static OutputFolder open(Path output, String topic) {
        Path dir = output.toAbsolutePath().normalize().resolve(topic);
        try {
            if (Files.exists(output) && !Files.isDirectory(output)) {
                throw new UserException(ExitCodes.ENVIRONMENT, "--output " + output
                        + " is a file, not a folder. Give a folder for the Parquet files.");
            }
            Files.createDirectories(dir);
            // One probe per process: the consumers of one group start together on the same folder.
            Path probe = dir.resolve(".aq-write-probe-" + ProcessHandle.current().pid());
            Files.deleteIfExists(probe);
            try (FileChannel ch = FileChannel.open(probe, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.delete(probe);
        } catch (IOException e) {
            throw notWritable(dir, e);
        }
        return new OutputFolder(dir, topic);
    }

    public Path dir() {
        return dir;
    }

    public String topic() {
        return topic;
    }

    public Path inProgressPath(int partition, long firstOffset) {
        return dir.resolve(FileNames.inProgress(topic, partition, firstOffset));
    }

    /** Creates the in-progress Parquet file {@code inProgress} (it must not exist) and a writer for it. */
    public RowWriter create(Path inProgress, Schema schema, long rowGroupBytes, Supplier<Map<String, String>> footer)
            throws IOException {
        return ParquetRowWriter.create(inProgress, schema, rowGroupBytes, footer);
    }

    /**
     * The offset to resume {@code partition} at: just past the highest last offset among its finished
     * files, or empty when it has none.
     */
    public OptionalLong nextOffset(int partition) {
        long highest = -1;
        for (FileNames.FinishedFile f : finishedFiles()) {
            if (f.partition() == partition && f.lastOffset() > highest) {
                highest = f.lastOffset();
            }
        }
        return highest < 0 ? OptionalLong.empty() : OptionalLong.of(highest + 1);
    }

    /** The finished files of this topic, any partition, by name. */
    public List<FileNames.FinishedFile> finishedFiles() {
        List<FileNames.FinishedFile> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir)) {
            list.forEach(p -> FileNames.parseFinished(p.getFileName().toString())
                    .filter(f -> f.topic().equals(topic))
                    .ifPresent(files::add));
        } catch (IOException e) {
            throw notWritable(dir, e);
        }
        return files;
    }

    /**
     * Deletes the in-progress files of {@code partition}: leftovers of a crash, whose rows were never
     * committed and will be read again from Kafka. Only this partition's, so a second consumer's open
     * files for other partitions are left alone. Returns how many were removed.
     */
    public int removeInProgress(int partition) {
        int removed = 0;
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : (Iterable<Path>) list::iterator) {
                if (FileNames.isInProgress(p.getFileName().toString(), topic, partition)) {
                    Files.deleteIfExists(p);
                    LOG.info("removed leftover in-progress file {}", p.getFileName());
                    removed++;
                }
            }
        } catch (IOException e) {
            throw notWritable(dir, e);
        }
        if (removed > 0) {
            syncDir();
        }
        return removed;
    }

    /**
     * Makes a closed in-progress file, already made durable with {@link #sync}, visible under its final
     * name: rename it atomically within this folder (readers see either nothing or the whole file), then
     * fsync the folder so the rename itself survives a power cut. Only after this may its offsets be
     * committed. Empty when the in-progress file is gone (removed by the partition's new owner).
     */
    public Optional<Path> publish(Path inProgress, int partition, long firstOffset, long lastOffset) {
        Path target = dir.resolve(FileNames.finished(topic, partition, firstOffset, lastOffset));
        try {
            Files.move(inProgress, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        } catch (IOException e) {
            throw notWritable(target, e);
        }
        syncDir();
        return Optional.of(target);
    }

    /**
     * Makes a written file durable: its content must be on disk before a name makes it visible.
     *
     * @return false if the file is gone (the partition's new owner removed it when it took over)
     */
    public boolean sync(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
            return true;
        } catch (NoSuchFileException gone) {
            return false;
        } catch (IOException e) {
            throw notWritable(file, e);
        }
    }

    /** Deletes an in-progress file whose rows will not be committed (lost partition, failed write). */
    public void discard(Path inProgress) {
        try {
            Files.deleteIfExists(inProgress);
        } catch (IOException e) {
            // Harmless: the next assignment of this partition removes it.
            LOG.warn("could not delete {}: {}", inProgress, e.toString());
        }
    }

    private void syncDir() {
        // Linux lets a directory be opened read-only and fsynced; that is what makes a rename durable.
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            throw notWritable(dir, e);
        }
    }

    /** The one-line explanation of a failed write, with the fix. */
    public static UserException notWritable(Path path, IOException e) {
        String why;
        if (e instanceof AccessDeniedException) {
            why = "permission denied";
        } else if (e instanceof NoSuchFileException) {
            why = "no such file or folder";
        } else if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
            why = ((FileSystemException) e).getReason();
        } else {
            why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        return new UserException(ExitCodes.ENVIRONMENT, "cannot write " + path + ": " + why
                + ". Make the folder writable and free some disk space (or choose another --output), then rerun:"
                + " rows not yet in a finished file are read again from Kafka, nothing is lost.", e);
    }
}
