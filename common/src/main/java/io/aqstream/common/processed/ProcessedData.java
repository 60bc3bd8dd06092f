package io.aqstream.common.processed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The processed data root ({@code processed_data/}) and the topic folders in it that aq-stream wrote.
 * Used by the commands that read or clear the output without writing it (aq-admin, bin/start-over,
 * bin/reset-kraft's warning).
 */
public final class ProcessedData {
    public static final String DEFAULT_FOLDER = "processed_data";
    /** What follows the topic in the name of that topic's HTML report (bin/aq-report), beside its folder. */
    public static final String REPORT_SUFFIX = "-report.html";

    private ProcessedData() {
    }

    /** processed_data/ of the project when run through bin/ (aq.home), else of the current folder. */
    public static Path defaultRoot() {
        String home = System.getProperty("aq.home");
        return (home != null && !home.isBlank() ? Paths.get(home) : Paths.get("")).toAbsolutePath()
                .resolve(DEFAULT_FOLDER);
    }

    /**
     * Where bin/aq-report writes the report of {@code topicFolder} by default: beside the folder, not in
     * it (Spark and DuckDB read the folder as Parquet), one file per topic so that a second data set's
     * report does not overwrite the first, and named after the topic so that bin/start-over finds it.
     */
    public static Path reportFile(Path topicFolder) {
        Path folder = topicFolder.toAbsolutePath().normalize();
        return folder.resolveSibling(folder.getFileName() + REPORT_SUFFIX);
    }

    /** A topic folder aq-stream wrote, and how many finished Parquet files it holds. */
    public record TopicFolder(Path dir, int finishedFiles) {
    }

    /**
     * The folders directly under {@code root} that aq-stream wrote: those with a {@link FolderMarker}, or
     * holding nothing but finished and in-progress Parquet files of the pipeline's names. Anything else
     * is somebody else's and is never reported as ours (so never deleted by bin/start-over).
     */
    public static List<TopicFolder> topicFolders(Path root) {
        List<TopicFolder> result = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return result;
        }
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : (Iterable<Path>) dirs.filter(Files::isDirectory).sorted()::iterator) {
                describe(dir).ifPresent(result::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
        return result;
    }

    /** {@code dir} as a topic folder, or empty when it is not one of aq-stream's (see {@link #topicFolders}). */
    public static Optional<TopicFolder> describe(Path dir) throws IOException {
        int finished = 0;
        int inProgress = 0;
        boolean marker = false;
        boolean foreign = false;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString();
                if (name.equals(FolderMarker.FILE_NAME)) {
                    marker = true;
                } else if (FileNames.parseFinished(name).isPresent()) {
                    finished++;
                } else if (FileNames.isInProgress(name)) {
                    inProgress++;
                } else {
                    foreign = true;
                }
            }
        }
        boolean ours = marker || (!foreign && finished + inProgress > 0);
        return ours ? Optional.of(new TopicFolder(dir, finished)) : Optional.empty();
    }
}
