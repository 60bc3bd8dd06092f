package io.aqstream.admin;

import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.UserException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;

/**
 * Reads the first or last N committed records of a topic, as a read_committed consumer sees them,
 * without a consumer group. Offsets have gaps (transaction markers, aborted records), so "the last N"
 * is found by reading backwards in growing windows rather than by seeking to end - N.
 */
final class TopicReader implements AutoCloseable {
    /** Record order across partitions: by record timestamp, then partition and offset. */
    static final Comparator<ConsumerRecord<byte[], byte[]>> CHRONOLOGICAL = Comparator
            .comparingLong((ConsumerRecord<byte[], byte[]> r) -> r.timestamp())
            .thenComparingInt(ConsumerRecord::partition).thenComparingLong(ConsumerRecord::offset);

    private final KafkaConnection kc;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final long deadline;
    /** The end (last stable) offsets the latest read went up to: where {@code tail --follow} goes on. */
    private Map<TopicPartition, Long> readUpTo = Map.of();

    TopicReader(KafkaConnection kc) {
        this.kc = kc;
        this.consumer = kc.readCommittedConsumer();
        // One budget for the whole read: a few request timeouts.
        this.deadline = System.nanoTime() + kc.timeout().multipliedBy(3).toNanos();
    }

    /** The first {@code n} records of the topic in chronological order. */
    List<ConsumerRecord<byte[], byte[]>> first(List<TopicPartition> partitions, int n) {
        Bounds bounds = bounds(partitions);
        List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            long from = bounds.begin.get(tp);
            long end = bounds.end.get(tp);
            List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
            // Aborted records and markers take offsets, so one window may hold fewer than n records.
            for (long window = n; read.size() < n && from < end; window *= 2) {
                long to = Math.min(end, from + Math.max(window, 1));
                read.addAll(read(tp, from, to));
                from = to;
            }
            all.addAll(read.subList(0, Math.min(n, read.size())));
        }
        all.sort(CHRONOLOGICAL);
        return all.subList(0, Math.min(n, all.size()));
    }

    /** The last {@code n} records of the topic in chronological order. */
    List<ConsumerRecord<byte[], byte[]>> last(List<TopicPartition> partitions, int n) {
        Bounds bounds = bounds(partitions);
        List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            long begin = bounds.begin.get(tp);
            long end = bounds.end.get(tp);
            List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
            long to = end;
            for (long window = n; read.size() < n && to > begin; window *= 2) {
                long from = Math.max(begin, to - Math.max(window, 1));
                read.addAll(0, read(tp, from, to));
                to = from;
            }
            all.addAll(read.subList(Math.max(0, read.size() - n), read.size()));
        }
        all.sort(CHRONOLOGICAL);
        return all.subList(Math.max(0, all.size() - n), all.size());
    }

    /** Per partition, the offset after the last one {@link #first} or {@link #last} considered. */
    Map<TopicPartition, Long> readUpTo() {
        return readUpTo;
    }

    /** How many committed records one partition holds in [from, to): offsets minus markers and aborted records. */
    long count(TopicPartition tp, long from, long to) {
        long[] count = {0};
        scan(tp, from, to, r -> count[0]++);
        return count[0];
    }

    /** Every committed record with an offset in [from, to) of one partition. */
    private List<ConsumerRecord<byte[], byte[]>> read(TopicPartition tp, long from, long to) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        scan(tp, from, to, records::add);
        return records;
    }

    private void scan(TopicPartition tp, long from, long to, Consumer<ConsumerRecord<byte[], byte[]>> sink) {
        try {
            consumer.assign(List.of(tp));
            consumer.seek(tp, from);
            while (consumer.position(tp) < to) {
                if (System.nanoTime() > deadline) {
                    throw new UserException(ExitCodes.KAFKA_UNAVAILABLE, "reading " + tp + " from offset " + from
                            + " did not reach offset " + to + " within " + kc.timeout().multipliedBy(3).toSeconds()
                            + " s. Is the node at " + kc.bootstrap() + " overloaded or stopping? Try again, or a larger --timeout.");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200)).records(tp)) {
                    if (r.offset() < to) {
                        sink.accept(r);
                    }
                }
            }
        } catch (InterruptException e) {
            throw new UserException(ExitCodes.INTERRUPTED, "interrupted while reading " + tp + ".", e);
        } catch (KafkaException e) {
            throw kc.translate(e, "reading " + tp);
        }
    }

    private Bounds bounds(List<TopicPartition> partitions) {
        try {
            // read_committed: the end is the last stable offset, so an open transaction is not waited for.
            Bounds bounds = new Bounds(consumer.beginningOffsets(partitions, kc.timeout()),
                    consumer.endOffsets(partitions, kc.timeout()));
            readUpTo = bounds.end;
            return bounds;
        } catch (KafkaException e) {
            throw kc.translate(e, "reading the offsets of " + partitions.get(0).topic());
        }
    }

    @Override
    public void close() {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(2)));
    }

    private static final class Bounds {
        final Map<TopicPartition, Long> begin;
        final Map<TopicPartition, Long> end;

        Bounds(Map<TopicPartition, Long> begin, Map<TopicPartition, Long> end) {
            this.begin = begin;
            this.end = end;
        }
    }
}
