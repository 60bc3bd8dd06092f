package io.aqstream.common.processed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Parquet files of a processed data folder that analysts read: {@code *.parquet} at any depth, with
 * files and folders whose names start with {@code .} or {@code _} skipped, as pandas/pyarrow and Spark skip
 * them (the consumer's in-progress files start with a dot; markers such as {@code _aq-source.json} with an
 * underscore). DuckDB's {@code **}{@code /*.parquet} glob sees the same files as long as no name starting
 * with '.' or '_' ends in {@code .parquet}, which the consumer never writes. The one definition used by
 * aq-admin summary, the tests and the benchmarks.
 */
public final class VisibleParquetFiles {
    private VisibleParquetFiles() {
    }

    /** Sorted by path; empty when the folder is not there (yet). */
    public static List<Path> under(Path dir) {
        List<Path> files = new ArrayList<>();
        collect(dir, files);
        files.sort(null);
        return files;
    }

    /**
     * A directory listing that does not stat entries: the consumer renames and deletes files while tests
     * and benchmarks watch the folder, and a walk that stats a vanished in-progress file would fail.
     */
    private static void collect(Path dir, List<Path> into) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                if (name.startsWith(".") || name.startsWith("_")) {
                    continue;
                }
                if (name.endsWith(".parquet")) {
                    into.add(p);
                } else if (Files.isDirectory(p)) {
                    collect(p, into);
                }
            }
        } catch (NoSuchFileException | NotDirectoryException e) {
            // not there (yet)
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
