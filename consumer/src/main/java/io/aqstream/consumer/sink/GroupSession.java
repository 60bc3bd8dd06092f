package io.aqstream.consumer.sink;

import java.util.Map;

/**
 * What {@link ParquetSink} needs from the consumer group, at the steps of its close-out protocol
 * ({@link ParquetSink#closeOut}). Maps are partition → offset.
 */
public interface GroupSession {
    /** Makes the dead-letter records sent so far durable, before their offsets are accounted for. */
    void flushDeadLetters();

    /** Whether the group still counts this member as the owner of these partitions (→ each file's first offset). */
    boolean confirmOwnership(Map<Integer, Long> firstOffsets);

    /** Reads these partitions again from these offsets, if this member still has them. */
    void readAgain(Map<Integer, Long> firstOffsets);

    /** Commits these next offsets (→ the offset just past the last one accounted for). */
    void commit(Map<Integer, Long> nextOffsets);
}
