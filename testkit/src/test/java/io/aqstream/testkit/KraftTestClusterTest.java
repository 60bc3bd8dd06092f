package io.aqstream.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqstream.common.Topics;
import io.aqstream.kraft.ProcessExit;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The 3-node cluster of bin/start-kraft --nodes 3, through the test fixture that starts it with the real
 * commands: one cluster id, three voters, every topic (internal ones included) with three replicas, min ISR 2
 * and no unclean election, and the clean stop of all three when one of them cannot finish.
 */
@WithKraftCluster
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KraftTestClusterTest {
    private static final List<String> PIPELINE = List.of(Topics.DATA, Topics.DEAD_LETTER, Topics.REPLAY_CHECKPOINTS);

    @Test
    @Order(1)
    void threeNodesOneClusterIdThreeVotersAndTheAddressFileForCommands(KraftTestCluster cluster) throws Exception {
        for (int n = 1; n <= KraftTestCluster.SIZE; n++) {
            Properties meta = new Properties();
            try (Reader in = Files.newBufferedReader(cluster.dataDir(n).resolve("meta.properties"), StandardCharsets.ISO_8859_1)) {
                meta.load(in);
            }
            assertEquals(cluster.clusterId(), meta.getProperty("cluster.id"), "node " + n);
            assertEquals(Integer.toString(n), meta.getProperty("node.id"));
            assertTrue(Files.isRegularFile(cluster.logsDir().resolve("node" + n).resolve("server.log")), "node " + n);
        }
        assertEquals(cluster.bootstrapServers(), Files.readString(cluster.dataDir(1).resolveSibling("bootstrap.servers")).trim());
        try (Admin admin = Admin.create(cluster.clientProperties())) {
            assertEquals(3, admin.describeCluster().nodes().get().size());
            QuorumInfo quorum = admin.describeMetadataQuorum().quorumInfo().get();
            assertEquals(Set.of(1, 2, 3), quorum.voters().stream().map(QuorumInfo.ReplicaState::replicaId).collect(Collectors.toSet()));
        }
    }

    @Test
    @Order(2)
    void everyTopicHasThreeReplicasMinIsrTwoAndNoUncleanElection(KraftTestCluster cluster) throws Exception {
        roundTrip(cluster, "cluster-settings"); // creates the offsets and transaction-state topics
        List<String> topics = new ArrayList<>(PIPELINE);
        topics.addAll(List.of("__consumer_offsets", "__transaction_state"));
        try (Admin admin = Admin.create(cluster.clientProperties())) {
            Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get();
            for (TopicDescription d : described.values()) {
                d.partitions().forEach(p -> assertEquals(3, p.replicas().size(), d.name() + "-" + p.partition()));
            }
            List<ConfigResource> resources = topics.stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
            Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get();
            for (Map.Entry<ConfigResource, Config> c : configs.entrySet()) {
                assertEquals("2", c.getValue().get("min.insync.replicas").value(), c.getKey().name());
                assertEquals("false", c.getValue().get("unclean.leader.election.enable").value(), c.getKey().name());
            }
        }
    }

    /**
     * stop-kraft stops the nodes together; nodes that finish first take their controllers with them, and one left
     * without a controller majority cannot finish a clean stop. Node 3 is frozen (SIGSTOP): it counts as alive but
     * answers no vote, so whichever of nodes 1 and 2 finishes second is left with it and no majority. Once the
     * first node is gone, those left get 10 s, then SIGKILL, said on stderr; SIGKILL ends a frozen process too.
     * (Transactions with one node stopped or killed, and a node back on its data, are proven under a running
     * replay by reliability's ClusterBrokerLossTest and admin's ClusterHealthTest.)
     */
    @Test
    @Order(3)
    void stoppedTogetherNodesLeftWithoutAControllerMajorityGetTenSecondsThenSigkill(KraftTestCluster cluster) throws Exception {
        long frozen = cluster.pid(3);
        Process stop = new ProcessBuilder("kill", "-STOP", Long.toString(frozen)).inheritIO().start();
        assertEquals(0, stop.waitFor());
        String out = cluster.stopAll();
        assertTrue(out.contains("Stopping the cluster's nodes [1, 2, 3]"), out);
        Matcher killed = Pattern.compile("Node pids? \\[([0-9, ]+)] could not finish a clean stop within 10 s of the first"
                + " node \\(it needs a controller majority, and the others are gone or not answering\\)\\."
                + " Ended with SIGKILL; committed data is kept\\.").matcher(out);
        assertTrue(killed.find(), out);
        assertTrue(List.of(killed.group(1).split(", ")).contains(Long.toString(frozen)), out);
        for (int n = 1; n <= KraftTestCluster.SIZE; n++) {
            assertEquals(-1, cluster.pid(n), "node " + n + " still runs: " + out);
        }
        assertTrue(ProcessExit.ended(frozen), out);
    }

    /** A committed transaction read back with read_committed, through the whole address list. */
    private static void roundTrip(KraftTestCluster cluster, String id) {
        Properties p = cluster.clientProperties();
        p.put("transactional.id", id);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(Topics.DATA, 0, "station", id));
            producer.commitTransaction();
        }
        Properties c = cluster.clientProperties();
        c.put("isolation.level", "read_committed");
        c.put("group.id", id);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition tp = new TopicPartition(Topics.DATA, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            // The deadline only turns a hang into a failure.
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (!values.contains(id) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    values.add(r.value());
                }
            }
            consumer.commitSync();
        }
        assertTrue(values.contains(id), values.toString());
    }
}
