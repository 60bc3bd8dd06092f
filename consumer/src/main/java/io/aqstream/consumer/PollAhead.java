package io.aqstream.consumer;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The one poll bin/consume has taken but not written yet: its messages are decoded on the helper thread
 * ({@link BatchDecoder#ahead}) while the poll thread writes the poll before it, so decoding overlaps with
 * Parquet's encoding instead of taking turns with it.
 *
 * <p>Why exactly-once is unchanged: rows are written in offset order, on the poll thread, and only
 * written rows reach a file, so offsets are still committed only for rows in published files. What the
 * look-ahead adds is rows that the consumer's position has passed but no file holds. The rebalance
 * callbacks settle them before the group moves on: a revoked partition's rows are written before its file
 * is closed out ({@link #finish}), a lost partition's rows are dropped with its open file, and a partition
 * assigned afresh drops any (it restarts from its files) ({@link #drop}). A settled partition's rows are
 * not touched again when the rest of the poll is written ({@link #writeRest}).
 *
 * <p>Not thread-safe: the poll thread and its rebalance callbacks only.
 */
final class PollAhead {
    /** Writes one polled message: its row, or its reason to the dead-letter topic. */
    interface Rows {
        /**
         * @param mark the poll's {@link KafkaGroupSession#mark}, to skip partitions set back since
         */
        void write(ConsumerRecord<byte[], byte[]> record, BatchDecoder.Decoded decoded, long mark);
    }

    private List<ConsumerRecord<byte[], byte[]>> records;
    private BatchDecoder.Pending decoding;
    private long mark;
    /** Partitions of the pending poll already written or dropped by a rebalance callback. */
    private final Set<Integer> settled = new HashSet<>();

    /** Whether a poll is waiting to be written. */
    boolean pending() {
        return records != null;
    }

    /** Holds {@code records}, being decoded by {@code decoding}; the previous poll must be written first. */
    void hold(List<ConsumerRecord<byte[], byte[]>> records, BatchDecoder.Pending decoding, long mark) {
        if (pending()) {
            throw new IllegalStateException("the previous poll is not written yet");
        }
        this.records = records;
        this.decoding = decoding;
        this.mark = mark;
        settled.clear();
    }

    /**
     * Writes the pending rows of these partitions now (revoked: their files are closed out next).
     *
     * @return how many messages were written (rows and rejected ones)
     */
    int finish(Collection<Integer> partitions, Rows rows) {
        if (!pending() || partitions.isEmpty()) {
            return 0;
        }
        Set<Integer> now = new HashSet<>(partitions);
        now.removeAll(settled);
        settled.addAll(now);
        return write(now::contains, rows);
    }

    /**
     * Forgets the pending rows of these partitions: they are read again, by whoever owns the partition, from
     * its files.
     *
     * @return how many messages were dropped
     */
    int drop(Collection<Integer> partitions) {
        if (!pending() || partitions.isEmpty()) {
            return 0;
        }
        int dropped = 0;
        for (ConsumerRecord<byte[], byte[]> r : records) {
            if (partitions.contains(r.partition()) && !settled.contains(r.partition())) {
                dropped++;
            }
        }
        settled.addAll(partitions);
        return dropped;
    }

    /** Writes every pending row not settled by a callback, and forgets the poll. */
    void writeRest(Rows rows) {
        if (!pending()) {
            return;
        }
        try {
            write(p -> !settled.contains(p), rows);
        } finally {
            forget();
        }
    }

    /** Forgets the pending poll without writing it (the run failed: nothing after the last file is committed). */
    void forget() {
        records = null;
        decoding = null;
        settled.clear();
    }

    private int write(java.util.function.IntPredicate partitions, Rows rows) {
        BatchDecoder.Decoded[] decoded = decoding.await();
        int written = 0;
        for (int i = 0; i < decoded.length; i++) {
            ConsumerRecord<byte[], byte[]> r = records.get(i);
            if (partitions.test(r.partition())) {
                rows.write(r, decoded[i], mark);
                written++;
            }
        }
        return written;
    }
}
