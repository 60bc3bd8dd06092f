package io.aqstream.common.processed;

import java.util.Objects;

/**
 * The metadata bin/consume attaches to every offset it commits: the output folder the offset was
 * committed for and the topic incarnation it belongs to, e.g. {@code aq-stream folder=3f2a... topic-id=Xy1...}.
 * Kafka keeps it beside the offset, so a later run can tell whether the group's position describes
 * the folder it is about to write, or another one (see {@link FolderMarker}).
 */
public record CommitStamp(String folderId, String topicId) {
    private static final String PREFIX = "aq-stream ";

    public CommitStamp {
        Objects.requireNonNull(folderId, "folderId");
        Objects.requireNonNull(topicId, "topicId");
    }

    public String encode() {
        return PREFIX + "folder=" + folderId + " topic-id=" + topicId;
    }

    /** The stamp in a committed offset's metadata, or null when it carries none (another program, an older version). */
    public static CommitStamp parse(String metadata) {
        if (metadata == null || !metadata.startsWith(PREFIX)) {
            return null;
        }
        String folder = null;
        String topicId = null;
        for (String part : metadata.substring(PREFIX.length()).trim().split(" +")) {
            if (part.startsWith("folder=")) {
                folder = part.substring("folder=".length());
            } else if (part.startsWith("topic-id=")) {
                topicId = part.substring("topic-id=".length());
            }
        }
        return folder == null || topicId == null ? null : new CommitStamp(folder, topicId);
    }
}
