package io.aqstream.report;

import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.Plural;
import io.aqstream.common.cli.UserException;
import io.aqstream.common.processed.FileNames;
import io.aqstream.common.processed.VisibleParquetFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The one data set a report is about: the finished Parquet files of one topic folder. Every way of pointing
 * at nothing usable (no folder, an empty one, only files still being written, several data sets) ends here
 * with one line naming the cause and the fix, before any query runs.
 */
record ReportSource(Path folder, String topic, List<Path> files) {

    /**
     * {@code data} is either a processed data root (holding one folder per topic) or a topic folder itself;
     * {@code topic} picks one folder of a root, and is needed when the root holds more than one data set.
     */
    static ReportSource resolve(Path data, String topic) {
        if (!Files.isDirectory(data)) {
            throw new UserException(ExitCodes.BAD_INPUT, "no processed data folder at " + data.toAbsolutePath()
                    + ". Run bin/consume (or bin/pipeline) first, or name the folder with --data DIR.");
        }
        Path folder;
        if (topic != null) {
            folder = data.resolve(topic);
            if (!Files.isDirectory(folder)) {
                throw new UserException(ExitCodes.BAD_INPUT, "no folder for topic " + topic + " under " + data
                        + "; it holds " + describe(topicFolders(data)) + ". Pick one of those with --topic.");
            }
        } else if (holdsParquetDirectly(data)) {
            folder = data;
        } else {
            List<Path> candidates = topicFolders(data);
            if (candidates.size() > 1) {
                throw new UserException(ExitCodes.BAD_INPUT, data + " holds " + candidates.size()
                        + " data sets (" + names(candidates) + "): a report is about one. Pick it with --topic "
                        + candidates.get(0).getFileName() + " (or another of those).");
            }
            folder = candidates.isEmpty() ? data : candidates.get(0);
        }
        List<Path> files = VisibleParquetFiles.under(folder);
        if (files.isEmpty()) {
            throw nothingFinished(folder);
        }
        return new ReportSource(folder, folder.getFileName().toString(), files);
    }

    private static UserException nothingFinished(Path folder) {
        long inProgress = countBelow(folder, name -> FileNames.isInProgress(name));
        if (inProgress > 0) {
            return new UserException(ExitCodes.BAD_INPUT, "no finished Parquet file under " + folder + " yet: bin/consume"
                    + " is still writing " + Plural.count(inProgress, "file") + ", which become readable when"
                    + " closed. Run bin/aq-report again then, or stop bin/consume (it finishes its files).");
        }
        if (count(folder, name -> true) == 0) {
            return new UserException(ExitCodes.BAD_INPUT, folder + " is empty. Run bin/consume (or bin/pipeline)"
                    + " first, or point --data at the folder that holds the Parquet files.");
        }
        return new UserException(ExitCodes.BAD_INPUT, "no Parquet files (*.parquet) under " + folder
                + ". Point --data at the folder bin/consume wrote (processed_data/ by default).");
    }

    /** Subfolders holding at least one finished Parquet file, sorted. */
    private static List<Path> topicFolders(Path root) {
        try (Stream<Path> entries = Files.list(root)) {
            return entries.filter(Files::isDirectory)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> !p.getFileName().toString().startsWith("_"))
                    .filter(p -> !VisibleParquetFiles.under(p).isEmpty())
                    .sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    private static boolean holdsParquetDirectly(Path dir) {
        return count(dir, name -> name.endsWith(FileNames.PARQUET_SUFFIX) && !name.startsWith(".")
                && !name.startsWith("_")) > 0;
    }

    private static long count(Path dir, java.util.function.Predicate<String> names) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).filter(names).count();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** At any depth: the in-progress files of a root's topic folders count too. */
    private static long countBelow(Path dir, java.util.function.Predicate<String> names) {
        try (Stream<Path> entries = Files.walk(dir)) {
            return entries.map(p -> p.getFileName().toString()).filter(names).count();
        } catch (IOException e) {
            return 0; // a file renamed or deleted by bin/consume during the walk: report what is certain
        }
    }

    private static String names(List<Path> folders) {
        return folders.stream().map(p -> p.getFileName().toString()).collect(Collectors.joining(", "));
    }

    private static String describe(List<Path> folders) {
        return folders.isEmpty() ? "no data set" : names(folders);
    }
}
