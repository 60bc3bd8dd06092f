package io.aqstream.consumer.files;

import io.aqstream.common.cli.Plural;
import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.UserException;
import io.aqstream.common.processed.FileNames;
import io.aqstream.common.processed.FolderMarker;
import io.aqstream.common.processed.TopicIncarnation;
import io.aqstream.consumer.sink.RollPolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;

/**
 * Ties an output folder to the topic incarnation it is written from, before anything is written: a
 * folder holds the files of one incarnation only. After a reset, a topic's offsets start at 0 again,
 * and files of the old and the new topic side by side would both duplicate rows and mix data sets
 * (file names made of offsets would even collide). So a consumer that finds Parquet files of another
 * incarnation refuses to start, naming what it found and the ways out.
 *
 * <p>The folder's {@link FolderMarker} says where its files came from; a folder without one (files of an
 * older version, or a deleted marker) is judged by its files' footers.
 */
public final class FolderClaim {
    private FolderClaim() {
    }

    /**
     * Checks that every finished file in {@code folder} came from {@code source}, then records
     * {@code source} and the writer's roll settings in the folder's marker (creating it, with a new
     * folder id, for a folder that has no files yet).
     *
     * @return the marker now in the folder
     * @throws UserException {@link ExitCodes#BAD_INPUT} when the folder holds files of another incarnation
     */
    public static FolderMarker claim(OutputFolder folder, TopicIncarnation source, RollPolicy roll) {
        Path dir = folder.dir();
        List<FileNames.FinishedFile> files = folder.finishedFiles();
        Optional<FolderMarker> existing = FolderMarker.read(dir);
        if (!files.isEmpty()) {
            TopicIncarnation found = existing.map(FolderMarker::source).orElseGet(() -> fromFooters(dir, files, source));
            if (!found.equals(source)) {
                throw otherIncarnation(dir, files.size(), found, source);
            }
        }
        long interval = roll.interval().toSeconds();
        long idle = roll.idle().toSeconds();
        FolderMarker marker = existing.filter(m -> m.source().equals(source))
                .map(m -> m.withWriterSettings(interval, idle))
                // No files to speak for an old marker: the folder starts afresh, with a new id, so that offsets
                // the group committed for its former life are not taken for this one's.
                .orElseGet(() -> FolderMarker.create(source, interval, idle));
        if (existing.isEmpty() || !existing.get().equals(marker)) {
            try {
                marker.write(dir);
            } catch (IOException e) {
                throw OutputFolder.notWritable(dir.resolve(FolderMarker.FILE_NAME), e);
            }
        }
        return marker;
    }

    /** The incarnation the files' footers name; {@code source} when all name it. */
    private static TopicIncarnation fromFooters(Path dir, List<FileNames.FinishedFile> files, TopicIncarnation source) {
        List<String> unknown = new ArrayList<>();
        for (FileNames.FinishedFile f : files) {
            String name = FileNames.finished(f.topic(), f.partition(), f.firstOffset(), f.lastOffset());
            TopicIncarnation named = TopicIncarnation.fromFooter(footer(dir.resolve(name)));
            if (named == null) {
                unknown.add(name);
            } else if (!named.equals(source)) {
                return named;
            }
        }
        if (!unknown.isEmpty()) {
            throw new UserException(ExitCodes.BAD_INPUT, dir + " holds " + Plural.count(unknown.size(), "Parquet file")
                    + " with no record of the topic incarnation it came from (e.g. " + unknown.get(0) + ", written before"
                    + " aq-stream recorded it), so writing " + source.describe() + " into this folder could duplicate"
                    + " rows. Nothing was written. " + waysOut(dir));
        }
        return source;
    }

    private static Map<String, String> footer(Path file) {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            return reader.getFooter().getFileMetaData().getKeyValueMetaData();
        } catch (IOException | RuntimeException e) {
            throw new UserException(ExitCodes.BAD_INPUT, file + " is not a readable Parquet file (" + e.getMessage()
                    + "), so it is unclear where it came from. Nothing was written. " + waysOut(file.getParent()), e);
        }
    }

    private static UserException otherIncarnation(Path dir, int files, TopicIncarnation found, TopicIncarnation now) {
        String what = found.topic().equals(now.topic())
                ? "another incarnation of topic " + now.topic() + " (topic id " + found.topicId() + " on cluster "
                        + found.clusterId() + "; the topic now has id " + now.topicId() + " on cluster " + now.clusterId()
                        + "): the topic was deleted and recreated, or the Kafka node reset, since they were written"
                : "another topic, " + found.describe() + ", not " + now.describe();
        return new UserException(ExitCodes.BAD_INPUT, dir + " holds " + Plural.count(files, "Parquet file") + " of " + what
                + ". Writing beside them would mix or duplicate rows, so nothing was written. " + waysOut(dir));
    }

    /** The two ways out, and the command that clears everything. */
    static String waysOut(Path dir) {
        // Out of the processed data folder, not beside the topic folder: a glob over processed_data/ would
        // still read the old files.
        Path root = dir.getParent();
        Path aside = root.resolveSibling(root.getFileName() + "-old-" + dir.getFileName());
        return "Move the folder out of the way (mv " + dir + " " + aside + ") or write elsewhere with --output DIR;"
                + " bin/start-over clears Kafka and processed_data/ together.";
    }
}
