package io.aqstream.common.processed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.UserException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The small file {@code _aq-source.json} in a topic's output folder ({@code processed_data/<topic>/}):
 * which topic incarnation the folder's Parquet files came from, the folder's own id, and how soon
 * bin/consume makes open files visible. The leading '_' hides it from pandas/pyarrow and Spark; DuckDB's
 * {@code *.parquet} glob does not match it.
 *
 * <p>Why a folder id: bin/consume stamps it into every offset it commits ({@link CommitStamp}), so a later
 * run can tell "the group committed these offsets for this folder" from "for another folder, or for one
 * that was deleted", and never silently skip rows the folder does not hold.
 *
 * @param source the topic incarnation every Parquet file in the folder came from
 * @param folderId random, made when the marker is first written; stays for the folder's life
 * @param rollIntervalSeconds --roll-interval of the last bin/consume started on the folder
 * @param idleFlushSeconds --idle-flush of the last bin/consume started on the folder
 */
public record FolderMarker(TopicIncarnation source, String folderId, Instant createdAt, long rollIntervalSeconds,
        long idleFlushSeconds) {
    public static final String FILE_NAME = "_aq-source.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A new marker for a folder about to receive its first files from {@code source}. */
    public static FolderMarker create(TopicIncarnation source, long rollIntervalSeconds, long idleFlushSeconds) {
        return new FolderMarker(source, UUID.randomUUID().toString(), Instant.now(), rollIntervalSeconds,
                idleFlushSeconds);
    }

    /** This marker with the writer settings of the consumer starting now. */
    public FolderMarker withWriterSettings(long rollInterval, long idleFlush) {
        return new FolderMarker(source, folderId, createdAt, rollInterval, idleFlush);
    }

    /** The marker of {@code folder}, if it has one. */
    public static Optional<FolderMarker> read(Path folder) {
        Path file = folder.resolve(FILE_NAME);
        JsonNode o;
        try {
            o = JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw unreadable(file, e.getMessage());
        }
        if (o == null || !o.hasNonNull("topic") || !o.hasNonNull("topic_id") || !o.hasNonNull("cluster_id")
                || !o.hasNonNull("folder_id")) {
            throw unreadable(file, "topic, topic_id, cluster_id or folder_id is missing");
        }
        Instant created;
        try {
            created = Instant.parse(o.path("created_at").asText(Instant.EPOCH.toString()));
        } catch (RuntimeException e) {
            created = Instant.EPOCH;
        }
        return Optional.of(new FolderMarker(
                new TopicIncarnation(o.get("cluster_id").asText(), o.get("topic").asText(), o.get("topic_id").asText()),
                o.get("folder_id").asText(), created, o.path("roll_interval_seconds").asLong(0),
                o.path("idle_flush_seconds").asLong(0)));
    }

    /**
     * Writes the marker into {@code folder} durably and atomically (a temporary file, fsynced, renamed over
     * the old one, folder fsynced), so that two consumers starting at once, or a crash, never leave half
     * a marker.
     */
    public void write(Path folder) throws IOException {
        ObjectNode o = JSON.createObjectNode();
        o.put("about", "aq-stream: every Parquet file in this folder came from this topic incarnation;"
                + " bin/consume refuses to write files of another one beside them");
        o.put("topic", source.topic());
        o.put("topic_id", source.topicId());
        o.put("cluster_id", source.clusterId());
        o.put("folder_id", folderId);
        o.put("created_at", createdAt.toString());
        o.put("roll_interval_seconds", rollIntervalSeconds);
        o.put("idle_flush_seconds", idleFlushSeconds);
        Path tmp = folder.resolve("." + FILE_NAME + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(o), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, folder.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        try (FileChannel ch = FileChannel.open(folder, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    private static UserException unreadable(Path file, String why) {
        return new UserException(ExitCodes.BAD_INPUT, file + " is not a readable aq-stream folder marker (" + why
                + "). Move the folder aside (or use another --output); if you are sure its Parquet files came from"
                + " the current topic, delete just this file and the files' footers are checked instead.");
    }
}
