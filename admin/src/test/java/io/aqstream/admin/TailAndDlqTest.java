package io.aqstream.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqstream.common.AirQualityReading;
import io.aqstream.common.Measurement;
import io.aqstream.common.MessageHeaders;
import io.aqstream.common.ReadingJson;
import io.aqstream.common.Topics;
import io.aqstream.common.cli.CommandRunner;
import io.aqstream.common.cli.ExitCodes;
import io.aqstream.testkit.CliResult;
import io.aqstream.testkit.KraftTestNode;
import io.aqstream.testkit.WithKraftNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * tail and dlq against a real node: decoded, read_committed, in time order. The tests share the node in any
 * order: each writes to a topic no other test writes to (tail: the data topic, dlq: the dead-letter topic).
 */
@WithKraftNode
class TailAndDlqTest {
    private static final Instant SENT = Instant.parse("2026-02-01T10:00:00Z");
    private static final int READINGS = 12;

    private final KraftTestNode node;

    TailAndDlqTest(KraftTestNode node) {
        this.node = node;
    }

    private CliResult admin(String... args) {
        return AdminRun.against(node, args);
    }

    /** Reading i: hour i of 2004-03-10, co_gt = i + 0.5, nox_gt = 100 + i, t missing; sent at SENT + i s. */
    private static ProducerRecord<byte[], byte[]> reading(int i) {
        Double[] values = new Double[Measurement.ALL.size()];
        values[Measurement.CO_GT.ordinal()] = i + 0.5;
        values[Measurement.NOX_GT.ordinal()] = 100.0 + i;
        AirQualityReading reading = new AirQualityReading("S1", LocalDateTime.parse("2004-03-10T00:00:00").plusHours(i), values);
        return KafkaTestData.record(Topics.DATA, i % 3, SENT.plusSeconds(i), "S1", ReadingJson.toJson(reading),
                Map.of(MessageHeaders.SOURCE_FILE, "AirQualityUCI.csv", MessageHeaders.SOURCE_LINE, String.valueOf(i + 2),
                        MessageHeaders.SCHEMA_VERSION, ReadingJson.SCHEMA_VERSION));
    }

    @Test
    void tailDecodesTheNewestCommittedReadingsInTimeOrder() {
        List<ProducerRecord<byte[], byte[]>> batch = new ArrayList<>();
        for (int i = 0; i < READINGS; i++) {
            batch.add(reading(i));
        }
        KafkaTestData.commitTransaction(node, "tail-test-tx", batch);
        // Sent last, but aborted: a read_committed tail must not show it.
        KafkaTestData.abortTransaction(node, "tail-test-aborted", List.of(KafkaTestData.record(Topics.DATA, 0,
                SENT.plusSeconds(100), "ABORTED", "{\"aborted\":true}".getBytes(StandardCharsets.UTF_8), Map.of())));

        CliResult last = admin("tail", "--last", "3");
        assertEquals(ExitCodes.OK, last.exitCode(), last.toString());
        List<String> lines = last.out().lines().toList();
        assertEquals(3, lines.size(), last.out());
        // Readings 9, 10, 11 sit in partitions 0, 1, 2 at offset 3 (four readings per partition).
        assertEquals("p0@3 2026-02-01T10:00:09Z key=S1 | 2004-03-10T09:00 S1 co_gt=9.5 nox_gt=109 no2_gt=null"
                + " c6h6_gt=null t=null rh=null ah=null [AirQualityUCI.csv:11]", lines.get(0));
        assertTrue(lines.get(1).startsWith("p1@3 2026-02-01T10:00:10Z key=S1 | 2004-03-10T10:00 S1 co_gt=10.5 nox_gt=110 "), last.out());
        assertTrue(lines.get(2).startsWith("p2@3 2026-02-01T10:00:11Z key=S1 | 2004-03-10T11:00 S1 co_gt=11.5 nox_gt=111 "), last.out());

        CliResult all = admin("tail", "--last", "50");
        assertEquals(READINGS, all.out().lines().count(), all.out());
        assertTrue(!all.out().contains("ABORTED"), "aborted records are not read: " + all.out());

        CliResult first = admin("tail", "--first", "2");
        List<String> firstLines = first.out().lines().toList();
        assertEquals(2, firstLines.size(), first.out());
        assertTrue(firstLines.get(0).startsWith("p0@0 2026-02-01T10:00:00Z key=S1 | 2004-03-10T00:00 S1 co_gt=0.5 nox_gt=100 "), first.out());
        assertTrue(firstLines.get(1).startsWith("p1@0 2026-02-01T10:00:01Z key=S1 | 2004-03-10T01:00 S1 co_gt=1.5 "), first.out());
    }

    @Test
    void tailShowsOtherTopicsAsTextAndNamesUnknownTopics() throws Exception {
        KafkaTestData.createTopic(node, "raw-text", 1);
        KafkaTestData.commitTransaction(node, "raw-text-tx", List.of(KafkaTestData.record("raw-text", 0, SENT, "k",
                "hello\nworld".getBytes(StandardCharsets.UTF_8), Map.of())));
        CliResult r = admin("tail", "--topic", "raw-text");
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        assertEquals("p0@0 2026-02-01T10:00:00Z key=k | hello\\nworld", r.out().strip());

        CliResult unknown = admin("tail", "--topic", "no-such-topic");
        assertEquals(ExitCodes.USAGE, unknown.exitCode(), unknown.toString());
        assertTrue(AdminRun.errAfterWait(unknown).startsWith("error: topic 'no-such-topic' does not exist"), unknown.err());

        CliResult both = admin("tail", "--first", "1", "--last", "1");
        assertEquals(ExitCodes.USAGE, both.exitCode(), both.toString());
    }

    @Test
    void dlqSaysWhenThereIsNothingThenDecodesReasonsAndOrigins() {
        // Step 1: an empty dead-letter topic.
        CliResult empty = admin("dlq");
        assertEquals(ExitCodes.OK, empty.exitCode(), empty.toString());
        assertEquals("no rejected rows in " + Topics.DEAD_LETTER, empty.out().strip());

        // Step 2: one rejected CSV row (producer) and one rejected message (consumer), decoded.
        byte[] row = "10/03/2004;18.00.00;abc;1360;150;11,9;1046;166;1056;113;1692;1268;13,6;48,9;0,7578;;"
                .getBytes(StandardCharsets.UTF_8);
        KafkaTestData.commitTransaction(node, "dlq-test-tx", List.of(
                KafkaTestData.record(Topics.DEAD_LETTER, 0, SENT, null, row, Map.of(
                        MessageHeaders.ERROR_STAGE, "producer",
                        MessageHeaders.ERROR_REASON, "CO(GT) is not a number: 'abc'",
                        MessageHeaders.ERROR_COLUMN, "3",
                        MessageHeaders.SOURCE_FILE, "AirQualityUCI.csv",
                        MessageHeaders.SOURCE_LINE, "57")),
                KafkaTestData.record(Topics.DEAD_LETTER, 0, SENT.plusSeconds(1), "S1",
                        "{\"station\":\"S1\"}".getBytes(StandardCharsets.UTF_8), Map.of(
                        MessageHeaders.ERROR_STAGE, "consumer",
                        MessageHeaders.ERROR_REASON, "field 'timestamp' is missing",
                        MessageHeaders.ERROR_ORIGIN, "air-quality-data-2@41"))));

        CliResult r = admin("dlq", "--last", "5");
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        List<String> lines = r.out().lines().toList();
        assertEquals(List.of(
                "last 2 rejected rows of " + Topics.DEAD_LETTER,
                "p0@0 2026-02-01T10:00:00Z key=null rejected by producer at AirQualityUCI.csv line 57 column 3",
                "    reason: CO(GT) is not a number: 'abc'",
                "    content: 10/03/2004;18.00.00;abc;1360;150;11,9;1046;166;1056;113;1692;1268;13,6;48,9;0,7578;;",
                "p0@1 2026-02-01T10:00:01Z key=S1 rejected by consumer (message air-quality-data-2@41)",
                "    reason: field 'timestamp' is missing",
                "    content: {\"station\":\"S1\"}"), lines);

        // Step 3: --last 1 shows the newest and says how long the topic is.
        CliResult one = admin("dlq", "--last", "1");
        assertTrue(one.out().startsWith("last 1 rejected row of " + Topics.DEAD_LETTER + " (the topic spans 3 offsets"), one.out());
        assertTrue(one.out().contains("p0@1 "), one.out());
        assertTrue(!one.out().contains("p0@0 "), one.out());
    }

    @Test
    void followPrintsEachRecordCommittedAfterItStartedUntilStopped() throws Exception {
        String topic = "tail-follow-test";
        KafkaTestData.createTopic(node, topic, 2);
        KafkaTestData.commitTransaction(node, "follow-before", List.of(text(topic, 0, 0, "before")));
        StringWriter out = new StringWriter(); // a StringBuffer inside: safe to read while the command writes
        StringWriter err = new StringWriter();
        AtomicInteger exit = new AtomicInteger(-1);
        Thread tail = new Thread(() -> exit.set(CommandRunner.run(new AdminCommand(), new String[] {"tail", "--topic",
            topic, "--last", "5", "--follow", "--bootstrap-server", node.bootstrapServers()},
                new PrintWriter(out, true), new PrintWriter(err, true))), "tail-follow");
        tail.start();
        try {
            KafkaTestData.await(() -> out.toString().contains("| before"), "tail to print the record sent before it");
            KafkaTestData.commitTransaction(node, "follow-after", List.of(text(topic, 1, 1, "after")));
            KafkaTestData.abortTransaction(node, "follow-aborted", List.of(text(topic, 0, 2, "aborted")));
            KafkaTestData.commitTransaction(node, "follow-later", List.of(text(topic, 0, 3, "later")));
            KafkaTestData.await(() -> out.toString().contains("| later"), "tail --follow to print the new records");
        } finally {
            tail.interrupt(); // what Ctrl-C is to the command: it stops following
            tail.join(30_000);
        }
        assertTrue(!tail.isAlive(), "the follower stopped");
        assertEquals(ExitCodes.INTERRUPTED, exit.get(), out + "\n" + err);
        List<String> lines = out.toString().lines().toList();
        for (String value : List.of("before", "after", "later")) {
            assertEquals(1, lines.stream().filter(l -> l.endsWith("| " + value)).count(), value + " once in\n" + out);
        }
        assertTrue(!out.toString().contains("aborted"), "read_committed: aborted records never show: " + out);
        assertTrue(!err.toString().contains("\tat "), "no stack trace: " + err);
    }

    private static ProducerRecord<byte[], byte[]> text(String topic, int partition, int second, String value) {
        return KafkaTestData.record(topic, partition, SENT.plusSeconds(second), "k", value.getBytes(StandardCharsets.UTF_8),
                Map.of());
    }
}
