package io.aqstream.consumer;

import io.aqstream.common.processed.CommitStamp;
import io.aqstream.consumer.sink.GroupSession;
import java.util.HashMap;
import java.util.HashSet;
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
     * Partitions set back to an earlier offset during the current batch (ownership not confirmed): the
     * batch's remaining records of those partitions come again with the next poll, or go to their owner.
     */
    private final Set<Integer> setBack = new HashSet<>();
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
        setBack.addAll(firstOffsets.keySet());
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

    /** Starts a new batch of polled records: no partition is set back yet. */
    void startBatch() {
        setBack.clear();
    }

    /** Whether the rest of this batch's records of {@code partition} must be skipped (read again later). */
    boolean setBack(int partition) {
        return setBack.contains(partition);
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
