package io.aqstream.consumer;

import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.UserException;
import io.aqstream.common.processed.CommitStamp;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where assigned partitions with no file in the output folder start. The group's committed offset is the
 * right start only when it was committed for this folder (the rows before it are here) or skips nothing;
 * otherwise the rows before it went to another folder, or one that was deleted, and starting there would
 * write an incomplete folder without a word. An offset committed for an earlier incarnation of the topic
 * means nothing for this one.
 */
final class FilelessStart {
    private static final Logger LOG = LoggerFactory.getLogger(FilelessStart.class);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final ConsumeSettings settings;
    private final CommitStamp stamp;
    private final Path folder;
    private final PrintWriter err;

    /** @param stamp what this run stamps its commits with: this folder's id and the topic's current id */
    FilelessStart(KafkaConsumer<byte[], byte[]> consumer, ConsumeSettings settings, CommitStamp stamp, Path folder,
            PrintWriter err) {
        this.consumer = consumer;
        this.settings = settings;
        this.stamp = stamp;
        this.folder = folder;
        this.err = err;
    }

    /**
     * Seeks the partitions that must not start at the group's offset; leaves the others to it.
     *
     * @throws UserException {@link ExitCodes#BAD_INPUT} naming the offsets when the group consumed rows this
     *     folder lacks and --from-beginning was not given
     */
    void position(List<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions));
        Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions);
        List<String> skipped = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata offset = committed.get(tp);
            long first = beginning.getOrDefault(tp, 0L);
            if (offset == null) {
                LOG.info("assigned {}: no finished file and no committed offset; starting at the earliest", tp);
                continue;
            }
            CommitStamp committedFor = CommitStamp.parse(offset.metadata());
            if (committedFor != null && !committedFor.topicId().equals(stamp.topicId())) {
                consumer.seek(tp, first);
                note("partition " + tp.partition() + ": the group's offset " + offset.offset() + " was committed for"
                        + " an earlier incarnation of " + settings.topic() + "; starting at its earliest offset " + first);
            } else if ((committedFor != null && committedFor.folderId().equals(stamp.folderId()))
                    || offset.offset() <= first) {
                LOG.info("assigned {}: no finished file yet; starting at the committed offset {}", tp, offset.offset());
            } else if (settings.fromBeginning()) {
                consumer.seek(tp, first);
                note("partition " + tp.partition() + ": --from-beginning: starting at offset " + first + " instead of"
                        + " the group's offset " + offset.offset() + ", committed for another folder");
            } else {
                skipped.add("partition " + tp.partition() + " up to offset " + offset.offset());
            }
        }
        if (!skipped.isEmpty()) {
            throw new UserException(ExitCodes.BAD_INPUT, "group " + settings.group() + " has already consumed "
                    + settings.topic() + " " + String.join(", ", skipped) + " (committed for another output folder),"
                    + " but " + folder + " holds no file of it: those rows went to a folder since deleted or"
                    + " moved, or to another --output. Nothing was written. To write them here, exactly once:"
                    + " bin/consume --from-beginning (partitions with files here still resume after them), or a new"
                    + " --group.");
        }
    }

    private void note(String message) {
        LOG.info(message);
        err.println("consume: " + message);
        err.flush();
    }
}
