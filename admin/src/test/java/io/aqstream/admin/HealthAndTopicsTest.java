package io.aqstream.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqstream.common.Topics;
import io.aqstream.common.cli.ExitCodes;
import io.aqstream.testkit.CliResult;
import io.aqstream.testkit.KraftTestNode;
import io.aqstream.testkit.WithKraftNode;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

/**
 * health, topics list and topics describe against a real node. The tests share the node in any order: the
 * one that deletes a pipeline topic puts it back as bin/start-kraft creates it before it ends.
 */
@WithKraftNode
class HealthAndTopicsTest {
    private final KraftTestNode node;

    HealthAndTopicsTest(KraftTestNode node) {
        this.node = node;
    }

    private CliResult admin(String... args) {
        return AdminRun.against(node, args);
    }

    @Test
    void healthyOnAFreshNode() {
        CliResult r = admin("health");
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        String out = r.out();
        assertTrue(out.startsWith("Health of Kafka at " + node.bootstrapServers()), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("[ OK ] node reachable") && l.contains("1 broker ")), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("[ OK ] controller quorum") && l.contains("leader ")), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("\\[ OK \\] node 1 +broker up, controller leader")), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("[ OK ] topic " + Topics.DATA + " ") && l.contains("3 partitions")), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("[ OK ] topic " + Topics.DEAD_LETTER + " ")), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("[ OK ] topic " + Topics.REPLAY_CHECKPOINTS + " ")), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("[ OK ] partitions") && l.contains("none offline, none under min ISR, none under-replicated")), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("\\[( OK |WARN)\\] disk .* free of .*")), out);
        assertTrue(out.contains("HEALTHY: 8 checks passed"), out);
    }

    @Test
    void topicsListShowsThePipelineTopics() {
        // A transaction makes Kafka create its internal __transaction_state topic.
        KafkaTestData.commitTransaction(node, "topics-list-tx", List.of(KafkaTestData.record(Topics.DEAD_LETTER, 0,
                java.time.Instant.now(), null, new byte[] {1}, Map.of())));
        CliResult r = admin("topics", "list");
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        List<String> lines = r.out().lines().toList();
        assertEquals(List.of("TOPIC", "PARTITIONS", "REPLICATION"), List.of(lines.get(0).split("\\s+")));
        assertTrue(lines.stream().anyMatch(l -> l.matches(java.util.regex.Pattern.quote(Topics.DATA) + "\\s+3\\s+1")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches(java.util.regex.Pattern.quote(Topics.REPLAY_CHECKPOINTS) + "\\s+1\\s+1")), r.out());
        assertTrue(r.out().lines().noneMatch(l -> l.startsWith("__")), "internal topics only with --internal: " + r.out());
        assertTrue(admin("topics", "list", "--internal").out().contains("__transaction_state"));
    }

    @Test
    void topicsDescribeShowsPartitionsAndTopicSettings() {
        CliResult r = admin("topics", "describe", Topics.DATA);
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        String out = r.out();
        assertTrue(out.startsWith("topic " + Topics.DATA + "  (id "), out);
        assertTrue(out.contains("3 partitions, replication factor 1"), out);
        for (int p = 0; p < 3; p++) {
            int partition = p;
            assertTrue(out.lines().anyMatch(l -> l.trim().matches(partition + "\\s+1\\s+1\\s+1\\s+0\\s+0")), out);
        }
        assertTrue(out.contains("retention.ms=604800000  (set on the topic)"), out);
        CliResult compacted = admin("topics", "describe", Topics.REPLAY_CHECKPOINTS);
        assertTrue(compacted.out().contains("cleanup.policy=compact  (set on the topic)"), compacted.toString());
    }

    @Test
    void describingAnUnknownTopicListsTheTopicsThereAre() {
        CliResult r = admin("topics", "describe", "no-such-topic");
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.toString());
        String error = AdminRun.errAfterWait(r);
        assertTrue(error.startsWith("error: topic 'no-such-topic' does not exist on " + node.bootstrapServers()
                + ". Topics there: "), r.err());
        assertTrue(error.contains(Topics.DATA), r.err());
        assertEquals(1, error.strip().lines().count(), r.err());
    }

    @Test
    void unhealthyWhenAPipelineTopicIsMissing() throws Exception {
        try (Admin admin = KafkaTestData.admin(node)) {
            admin.deleteTopics(List.of(Topics.REPLAY_CHECKPOINTS)).all().get();
            KafkaTestData.await(() -> {
                try {
                    return !admin.listTopics().names().get().contains(Topics.REPLAY_CHECKPOINTS);
                } catch (Exception e) {
                    return false;
                }
            }, "the deletion of " + Topics.REPLAY_CHECKPOINTS);
            CliResult r = admin("health");
            assertEquals(ExitCodes.UNHEALTHY, r.exitCode(), r.toString());
            assertTrue(r.out().lines().anyMatch(l -> l.matches("\\[FAIL\\] topic " + java.util.regex.Pattern.quote(
                    Topics.REPLAY_CHECKPOINTS) + "\\s+missing")), r.out());
            assertTrue(r.out().contains("fix: stop the node (bin/stop-kraft) and start it again with bin/start-kraft"), r.out());
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith("[ OK ] topic " + Topics.DATA + " ")), r.out());
            assertTrue(r.out().contains("UNHEALTHY: 1 of 8 checks failed (topic " + Topics.REPLAY_CHECKPOINTS + ")."), r.out());
        } finally {
            // Back as conf/topics.conf declares it, with a leader, before the next test looks at the node.
            try (Admin admin = KafkaTestData.admin(node)) {
                admin.createTopics(List.of(new NewTopic(Topics.REPLAY_CHECKPOINTS, 1, (short) 1)
                        .configs(Map.of("cleanup.policy", "compact")))).all().get();
                KafkaTestData.await(() -> {
                    try {
                        return admin.describeTopics(List.of(Topics.REPLAY_CHECKPOINTS)).allTopicNames().get()
                                .get(Topics.REPLAY_CHECKPOINTS).partitions().stream()
                                .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
                    } catch (Exception e) {
                        return false;
                    }
                }, "a leader for the recreated " + Topics.REPLAY_CHECKPOINTS);
            }
        }
    }
}
