package io.aqstream.producer.replay;

import io.aqstream.common.ReadCommitted;
import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.UserException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Finds the replays' last committed positions: reads the checkpoint topic read_committed from the start
 * to the end and keeps the last value of every key (a replay id).
 *
 * <p>"The end" is the high watermark taken after our {@code initTransactions()}, not the consumer's
 * read_committed end (the last stable offset): another replay's open transaction can hold the last stable
 * offset below our own latest committed checkpoint, and stopping there would resume too early and
 * send rows twice. So we wait until the read_committed position has passed the high watermark, which
 * happens as soon as the transactions open at that moment end.
 */
public final class CheckpointReader {
    private CheckpointReader() {
    }

    /** @return replay id → its last committed checkpoint, for every replay that has one */
    public static Map<String, ReplayCheckpoint> read(Properties clientProps, Admin admin, String topic,
            Duration timeout) {
        Properties props = ReadCommitted.consumerProperties(clientProps, "aq-produce-checkpoint-reader");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).collect(Collectors.toList());
            Map<TopicPartition, Long> ends = highWatermarks(admin, partitions);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<String, byte[]> last = new HashMap<>();
            Map<TopicPartition, Long> remaining = new HashMap<>(ends);
            remaining.values().removeIf(end -> end == 0);
            while (!remaining.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new UserException(ExitCodes.KAFKA_UNAVAILABLE, "could not read the replay position from "
                            + topic + " within " + timeout.toSeconds() + " s: a transaction on it stays open."
                            + " Try again in a minute (open transactions time out).");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.key() != null) {
                        last.put(new String(r.key(), StandardCharsets.UTF_8), r.value());
                    }
                }
                remaining.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
            }
            Map<String, ReplayCheckpoint> checkpoints = new HashMap<>();
            last.forEach((replayId, value) -> {
                ReplayCheckpoint c = ReplayCheckpoint.fromJson(value);
                if (c != null) {
                    checkpoints.put(replayId, c);
                }
            });
            return checkpoints;
        }
    }

    private static Map<TopicPartition, Long> highWatermarks(Admin admin, List<TopicPartition> partitions) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, OffsetSpec.latest()));
        try {
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all()
                    .get(30, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
            return ends;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserException(ExitCodes.INTERRUPTED, "interrupted while reading the replay position");
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new UserException(ExitCodes.KAFKA_UNAVAILABLE, "cannot read the end offsets of the checkpoint"
                    + " topic (" + (e.getCause() == null ? e : e.getCause()).getMessage() + ").", e);
        }
    }
}
