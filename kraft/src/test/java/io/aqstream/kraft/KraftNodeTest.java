package io.aqstream.kraft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqstream.common.Topics;
import io.aqstream.common.cli.ExitCodes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One real node, shared by the class: the round trip, restarts, and the refusals that need a running node. */
class KraftNodeTest {
    @TempDir
    static Path dir;
    static int[] ports;
    static NodeProcess node;

    @BeforeAll
    static void startNode() throws Exception {
        ports = TestNodes.freePorts(2);
        node = TestNodes.start(dir, TestNodes.args(dir.resolve("data"), ports[0], ports[1]));
    }

    @AfterAll
    static void stopNode() throws Exception {
        if (node != null && node.isAlive()) {
            node.stop();
        }
    }

    static Properties clientProps() {
        Properties p = new Properties();
        p.put("bootstrap.servers", "127.0.0.1:" + ports[0]);
        return p;
    }

    @Test
    void firstStartFormatsOnceAndPrintsOneReadyLineWithBootstrapAndClusterId() {
        String output = TestNodes.output(dir);
        assertTrue(output.contains("Formatted new storage in " + dir.resolve("data") + " with cluster id "
                + node.ready().clusterId()), output);
        assertTrue(output.contains("KRaft node ready: bootstrap.servers=127.0.0.1:" + ports[0] + " cluster.id="
                + node.ready().clusterId()), output);
        assertTrue(output.contains("Created topic " + Topics.DATA + " (3 partitions"), output);
    }

    @Test
    void transactionalProducerToReadCommittedConsumer() {
        String committed = "committed-" + System.nanoTime();
        produceInTransactions("roundtrip", "aborted-" + System.nanoTime(), committed);
        List<String> seen = readCommittedUntil(Topics.DATA, committed);
        assertFalse(seen.stream().anyMatch(v -> v.startsWith("aborted-")), seen.toString());
    }

    @Test
    void restartAfterCrashKeepsClusterIdAndDataWithoutReformatting() throws Exception {
        String clusterId = node.ready().clusterId();
        Path meta = dir.resolve("data").resolve(Storage.META_PROPERTIES);
        String metaBefore = Files.readString(meta, StandardCharsets.ISO_8859_1);
        String value = "survives-restart-" + System.nanoTime();
        produceInTransactions("restart", null, value);
        // Kill only once the commit marker is in the partition (visible to read_committed). Killed in the
        // few ms between commitTransaction() and the marker write, a restarted single node was once seen
        // to finish the commit in its transaction log without writing the marker, leaving the partition
        // hanging for read_committed readers: a Kafka recovery case this test does not cover.
        readCommittedUntil(Topics.DATA, value);

        node.kill(); // SIGKILL: no clean shutdown
        // Restart with a topics file that disagrees on air-quality-data and adds a topic.
        Path topics = dir.resolve("changed-topics.conf");
        Files.writeString(topics, Topics.DATA + " partitions=4\nextra-topic partitions=2\n");
        List<String> args = TestNodes.configArgs(dir.resolve("data"), ports[0], ports[1]);
        args.addAll(List.of("--topics", topics.toString()));
        node = TestNodes.start(dir, args);

        assertEquals(clusterId, node.ready().clusterId());
        assertEquals(metaBefore, Files.readString(meta, StandardCharsets.ISO_8859_1), "meta.properties rewritten");
        String output = TestNodes.output(dir);
        assertEquals(1, output.split("Formatted new storage", -1).length - 1, "formatted again:\n" + output);
        assertTrue(output.contains("Using the storage in " + dir.resolve("data") + " (cluster id " + clusterId + ")"), output);
        assertTrue(output.contains("warning: topic " + Topics.DATA + " exists with 3 partitions, but " + topics
                + ":1 declares 4. It is left as it is"), output);
        assertTrue(output.contains("Created topic extra-topic (2 partitions"), output);
        try (Admin admin = Admin.create(clientProps())) {
            assertEquals(3, admin.describeTopics(List.of(Topics.DATA)).allTopicNames().get().get(Topics.DATA)
                    .partitions().size());
        }
        assertTrue(readCommittedUntil(Topics.DATA, value).contains(value));
    }

    @Test
    void secondNodeOnTheSameDataDirIsRefused() {
        TestNodes.Result r = TestNodes.run(new StartKraft(), TestNodes.args(dir.resolve("data"), ports[0], ports[1]));
        assertEquals(ExitCodes.ENVIRONMENT, r.exitCode, r.toString());
        assertTrue(r.err.startsWith("error: a Kafka node is already running on the data dir " + dir.resolve("data")
                + " (pid " + node.pid()), r.toString());
        assertTrue(r.err.contains("bin/stop-kraft"), r.toString());
        assertFalse(r.err.contains("\tat "), r.toString());
    }

    @Test
    void busyPortIsNamedWithTheProcessHoldingIt(@TempDir Path otherData) {
        TestNodes.Result r = TestNodes.run(new StartKraft(), TestNodes.args(otherData, ports[0], ports[1]));
        assertEquals(ExitCodes.ENVIRONMENT, r.exitCode, r.toString());
        assertTrue(r.err.startsWith("error: port " + ports[0] + " (listener PLAINTEXT=127.0.0.1:" + ports[0]
                + " in server.properties) is already in use by pid " + node.pid() + " (java "
                + StartKraft.class.getName() + ")"), r.toString());
        assertTrue(r.err.contains("--override listeners="), r.toString());
    }

    @Test
    void stopKraftStopsNothingWhenNoNodeRunsOnThatData(@TempDir Path emptyData) {
        TestNodes.Result r = TestNodes.run(new StopKraft(), TestNodes.configArgs(emptyData, ports[0], ports[1]));
        assertEquals(ExitCodes.OK, r.exitCode, r.toString());
        assertTrue(r.out.startsWith("No KRaft node is running on " + emptyData), r.toString());
    }

    @Test
    void resetRefusesWhileTheNodeRuns() {
        List<String> args = TestNodes.configArgs(dir.resolve("data"), ports[0], ports[1]);
        args.add("--yes");
        TestNodes.Result r = TestNodes.run(new ResetKraft(), args);
        assertEquals(ExitCodes.ENVIRONMENT, r.exitCode, r.toString());
        assertTrue(r.err.contains("a KRaft node is running on " + dir.resolve("data") + " (pid " + node.pid() + ")"),
                r.toString());
        assertTrue(Files.exists(dir.resolve("data").resolve(Storage.META_PROPERTIES)));
    }

    private static void produceInTransactions(String id, String abortedValue, String committedValue) {
        Properties p = clientProps();
        p.put("transactional.id", "kraft-node-test-" + id);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            if (abortedValue != null) {
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(Topics.DATA, 0, "station", abortedValue));
                producer.abortTransaction();
            }
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(Topics.DATA, 0, "station", committedValue));
            producer.commitTransaction();
        }
    }

    /**
     * What a read_committed consumer sees in partition 0 from the start up to {@code expected}. The
     * commit markers are written just after commitTransaction() returns, so the consumer polls until the
     * value shows up; the deadline only turns a hang into a failure.
     */
    private static List<String> readCommittedUntil(String topic, String expected) {
        Properties c = clientProps();
        c.put("isolation.level", "read_committed");
        List<String> values = new ArrayList<>();
        long deadline = System.nanoTime() + TestNodes.HANG_GUARD.toNanos();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            while (!values.contains(expected)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(expected + " never became visible to read_committed; saw " + values);
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
            }
        }
        return values;
    }
}
