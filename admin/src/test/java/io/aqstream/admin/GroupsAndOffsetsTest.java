package io.aqstream.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqstream.common.cli.ExitCodes;
import io.aqstream.testkit.CliResult;
import io.aqstream.testkit.KraftTestNode;
import io.aqstream.testkit.WithKraftNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** groups, lag and reset-offsets against a real node, with real transactional producers and group consumers. */
@WithKraftNode
class GroupsAndOffsetsTest {
    private final KraftTestNode node;

    GroupsAndOffsetsTest(KraftTestNode node) {
        this.node = node;
    }

    private CliResult admin(String... args) {
        return AdminRun.against(node, args);
    }

    private static List<ProducerRecord<byte[], byte[]>> records(String topic, int partition, int count) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(KafkaTestData.record(topic, partition, Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i), "k" + i,
                    ("value " + i).getBytes(StandardCharsets.UTF_8), Map.of()));
        }
        return records;
    }

    /** The table cells of one partition's line: TOPIC PARTITION ... */
    private static List<String> row(String out, String topic, int partition) {
        return out.lines().map(l -> List.of(l.trim().split("\\s+")))
                .filter(c -> c.size() > 2 && c.get(0).equals(topic) && c.get(1).equals(String.valueOf(partition)))
                .findFirst().orElseThrow(() -> new AssertionError("no line for " + topic + "-" + partition + " in\n" + out));
    }

    private Map<TopicPartition, Long> committed(String group) {
        try (Admin admin = KafkaTestData.admin(node)) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private ConsumerGroupDescription describe(String group) {
        try (Admin admin = KafkaTestData.admin(node)) {
            return admin.describeConsumerGroups(List.of(group)).all().get().get(group);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Polls with a group consumer until it has seen at least the given number of records of each partition. */
    private static Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> consume(KafkaConsumer<byte[], byte[]> consumer,
                                                                                  Map<TopicPartition, Integer> counts) {
        Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> seen = new java.util.HashMap<>();
        counts.keySet().forEach(tp -> seen.put(tp, new ArrayList<>()));
        KafkaTestData.await(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(r ->
                    seen.computeIfAbsent(new TopicPartition(r.topic(), r.partition()), tp -> new ArrayList<>()).add(r));
            return counts.entrySet().stream().allMatch(e -> seen.get(e.getKey()).size() >= e.getValue());
        }, "records " + counts);
        return seen;
    }

    @Test
    void lagIsRightAfterAPartialConsume() throws Exception {
        String topic = "lag-test";
        KafkaTestData.createTopic(node, topic, 2);
        // One transaction: partition 0 gets offsets 0-9 and its commit marker at 10 (end 11),
        // partition 1 gets 0-5 and its marker at 6 (end 7).
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(records(topic, 0, 10));
        records.addAll(records(topic, 1, 6));
        KafkaTestData.commitTransaction(node, "lag-test-tx", records);

        TopicPartition p0 = new TopicPartition(topic, 0);
        TopicPartition p1 = new TopicPartition(topic, 1);
        try (KafkaConsumer<byte[], byte[]> consumer = KafkaTestData.groupConsumer(node, "lag-group")) {
            consumer.subscribe(List.of(topic));
            Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> seen = consume(consumer, Map.of(p0, 10, p1, 6));
            List<ConsumerRecord<byte[], byte[]>> first = seen.get(p0);
            List<ConsumerRecord<byte[], byte[]>> second = seen.get(p1);
            // Processed: the first 4 records of partition 0, all 6 of partition 1.
            consumer.commitSync(Map.of(p0, new OffsetAndMetadata(first.get(3).offset() + 1),
                    p1, new OffsetAndMetadata(second.get(5).offset() + 1)));
        }

        CliResult r = admin("lag", "--group", "lag-group");
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        assertTrue(r.out().startsWith("group lag-group: Empty, 0 members"), r.out());
        // TOPIC PARTITION COMMITTED END LAG UNREAD
        assertEquals(List.of(topic, "0", "4", "11", "7", "6"), row(r.out(), topic, 0));
        assertEquals(List.of(topic, "1", "6", "7", "1", "0"), row(r.out(), topic, 1),
                "the commit marker counts as lag, not as an unread record");
        assertTrue(r.out().contains("total lag: 8 offsets, 6 unread records"), r.out());

        CliResult limited = admin("lag", "--group", "lag-group", "--count-limit", "5");
        assertEquals(List.of(topic, "0", "4", "11", "7", "-"), row(limited.out(), topic, 0));
        assertTrue(limited.out().contains("total lag: 8 offsets, 0 unread records in the partitions counted (raise --count-limit to count all)"), limited.out());

        CliResult groups = admin("groups");
        assertEquals(ExitCodes.OK, groups.exitCode(), groups.toString());
        assertTrue(groups.out().lines().anyMatch(l -> l.matches("lag-group\\s+\\S+\\s+Empty\\s+0")), groups.out());
    }

    @Test
    void lagOfAnUnknownGroupNamesTheGroupsThereAre() {
        CliResult r = admin("lag", "--group", "no-such-group");
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.toString());
        String error = AdminRun.errAfterWait(r);
        assertTrue(error.startsWith("error: consumer group 'no-such-group' does not exist on " + node.bootstrapServers()), r.err());
        assertTrue(error.contains("Groups there: "), r.err());
        assertEquals(1, error.strip().lines().count(), r.err());
    }

    @Test
    void resetOffsetsRefusesAnActiveGroupAndWorksWhenItIsInactive() throws Exception {
        String topic = "reset-test";
        String group = "reset-group";
        KafkaTestData.createTopic(node, topic, 1);
        KafkaTestData.commitTransaction(node, "reset-test-tx", records(topic, 0, 5)); // offsets 0-4, marker 5, end 6
        TopicPartition tp = new TopicPartition(topic, 0);

        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread member = new Thread(() -> {
            try (KafkaConsumer<byte[], byte[]> consumer = KafkaTestData.groupConsumer(node, group)) {
                consumer.subscribe(List.of(topic));
                List<ConsumerRecord<byte[], byte[]>> seen = consume(consumer, Map.of(tp, 5)).get(tp);
                consumer.commitSync(Map.of(tp, new OffsetAndMetadata(seen.get(4).offset() + 1)));
                while (!stop.get()) {
                    consumer.poll(Duration.ofMillis(100));
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "reset-test-member");
        member.start();
        try {
            KafkaTestData.await(() -> failure.get() != null || committed(group).getOrDefault(tp, -1L) == 5L
                    && !describe(group).members().isEmpty(), "the member to join and commit");
            assertEquals(null, failure.get());

            CliResult refused = admin("reset-offsets", "--group", group, "--to-earliest", "--execute");
            assertEquals(ExitCodes.ENVIRONMENT, refused.exitCode(), refused.toString());
            assertTrue(AdminRun.errAfterWait(refused).startsWith("error: consumer group 'reset-group' is active ("),
                    refused.err());
            assertTrue(refused.err().contains(", 1 member"), refused.err());
            assertTrue(refused.err().contains("Stop bin/consume (Ctrl-C)"), refused.err());
            assertEquals(Map.of(tp, 5L), committed(group), "nothing changed");
        } finally {
            stop.set(true);
            member.join();
        }
        assertEquals(null, failure.get());
        KafkaTestData.await(() -> describe(group).members().isEmpty(), "the member to leave");

        CliResult dryRun = admin("reset-offsets", "--group", group, "--to-earliest");
        assertEquals(ExitCodes.OK, dryRun.exitCode(), dryRun.toString());
        assertEquals(List.of(topic, "0", "5", "0"), row(dryRun.out(), topic, 0)); // TOPIC PARTITION CURRENT NEW
        assertTrue(dryRun.out().contains("dry run: nothing changed. Add --execute to apply."), dryRun.out());
        assertEquals(Map.of(tp, 5L), committed(group), "a dry run changes nothing");

        CliResult earliest = admin("reset-offsets", "--group", group, "--to-earliest", "--execute");
        assertEquals(ExitCodes.OK, earliest.exitCode(), earliest.toString());
        assertTrue(earliest.out().contains("done: reset 1 partition of group reset-group."), earliest.out());
        assertEquals(Map.of(tp, 0L), committed(group));

        assertEquals(ExitCodes.OK, admin("reset-offsets", "--group", group, "--to-latest", "--execute").exitCode());
        assertEquals(Map.of(tp, 6L), committed(group), "latest is the end, past the commit marker");

        // Record timestamps are 2026-01-01T00:00:00Z + i seconds.
        assertEquals(ExitCodes.OK, admin("reset-offsets", "--group", group, "--to-datetime", "2026-01-01T00:00:02Z",
                "--execute").exitCode());
        assertEquals(Map.of(tp, 2L), committed(group));
        assertEquals(ExitCodes.OK, admin("reset-offsets", "--group", group, "--to-datetime", "2030-01-01T00:00:00Z",
                "--execute").exitCode());
        assertEquals(Map.of(tp, 6L), committed(group), "after the last record: the end");

        CliResult lag = admin("lag", "--group", group);
        assertEquals(List.of(topic, "0", "6", "6", "0", "0"), row(lag.out(), topic, 0));
    }

    @Test
    void resetOffsetsNeedsExactlyOneTarget() {
        CliResult none = admin("reset-offsets", "--group", "g");
        assertEquals(ExitCodes.USAGE, none.exitCode(), none.toString());
        CliResult two = admin("reset-offsets", "--group", "g", "--to-earliest", "--to-latest");
        assertEquals(ExitCodes.USAGE, two.exitCode(), two.toString());
        assertTrue(two.err().contains("mutually exclusive"), two.err());
    }
}
