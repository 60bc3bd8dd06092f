package io.aqstream.consumer;

import io.aqstream.common.processed.CommitStamp;
import io.aqstream.consumer.sink.GroupSession;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink's steps that talk to Kafka ({@link GroupSession}), on the poll thread's consumer: dead letters
 * flushed, ownership confirmed and offsets committed, each offset stamped with the folder it was
 * committed for ({@link CommitStamp}).
 */
final class KafkaGroupSession implements GroupSession {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaGroupSession.class);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final DeadLetters deadLetters;
    private final String topic;
    private final CommitStamp stamp;
    /**
     * When each partition was last set back to an earlier offset (ownership not confirmed), counted in
     * set-backs: the records of that partition polled before then come again with a later poll, or go to
     * their owner. A count rather than a per-poll set because a poll can be written after the next one
     * was taken (the poll ahead, {@link PollAhead}).
     */
    private final Map<Integer, Long> setBackAt = new HashMap<>();
    private long setBacks;
    private long commitFailures;

    KafkaGroupSession(KafkaConsumer<byte[], byte[]> consumer, DeadLetters deadLetters, String topic, CommitStamp stamp) {
        this.consumer = consumer;
        this.deadLetters = deadLetters;
        this.topic = topic;
        this.stamp = stamp;
    }

    @Override
    public void flushDeadLetters() {
        deadLetters.flush();
    }

    /**
     * Commits each file's first offset, which the files already account for (so it moves nothing
     * forward), to learn whether the group still counts us as the owner: the coordinator refuses a commit
     * from a member whose session expired, e.g. after a pause longer than the session timeout, while
     * another member took the partitions over. Then we must not publish: that member writes those rows.
     */
    @Override
    public boolean confirmOwnership(Map<Integer, Long> firstOffsets) {
        try {
            commitSync(offsets(firstOffsets));
            return true;
        } catch (CommitFailedException | RebalanceInProgressException | TimeoutException | FencedInstanceIdException e) {
            commitFailures++;
            LOG.warn("not publishing the files of partitions {}: the group did not confirm that this consumer"
                    + " still owns them ({}); their rows will be read again by whoever owns them",
                    firstOffsets.keySet(), e.toString());
            return false;
        }
    }

    @Override
    public void readAgain(Map<Integer, Long> firstOffsets) {
        setBacks++;
        firstOffsets.keySet().forEach(p -> setBackAt.put(p, setBacks));
        Set<TopicPartition> assigned = consumer.assignment();
        offsets(firstOffsets).forEach((tp, o) -> {
            if (assigned.contains(tp)) {
                consumer.seek(tp, o.offset());
            }
        });
    }

    @Override
    public void commit(Map<Integer, Long> nextOffsets) {
        Map<TopicPartition, OffsetAndMetadata> offsets = offsets(nextOffsets);
        try {
            commitSync(offsets);
        } catch (CommitFailedException | RebalanceInProgressException | TimeoutException e) {
            commitFailures++;
            // The files already say where to resume; the committed offset is only a hint for
            // partitions without files, so a failed commit loses nothing.
            LOG.warn("offset commit {} failed ({}); the published files still determine where to resume",
                    offsets, e.toString());
        }
    }

    /** Taken right after a poll returns: the records it returned are older than any later set-back. */
    long mark() {
        return setBacks;
    }

    /**
     * Whether the records of {@code partition} of the poll marked {@code mark} must be skipped: the
     * partition was set back since, and they will be read again (by us or by their owner).
     */
    boolean setBackSince(int partition, long mark) {
        Long at = setBackAt.get(partition);
        return at != null && at > mark;
    }

    long commitFailures() {
        return commitFailures;
    }

    private void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
        try {
            consumer.commitSync(offsets);
        } catch (WakeupException ctrlC) {
            // Ctrl-C's wakeup landed in the commit; it fires once, so this retry runs normally and the
            // stop stays clean.
            consumer.commitSync(offsets);
        }
    }

    private Map<TopicPartition, OffsetAndMetadata> offsets(Map<Integer, Long> byPartition) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        String metadata = stamp.encode();
        byPartition.forEach((p, o) -> offsets.put(new TopicPartition(topic, p), new OffsetAndMetadata(o, metadata)));
        return offsets;
    }
}
