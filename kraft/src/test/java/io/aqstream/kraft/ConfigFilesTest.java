package io.aqstream.kraft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqstream.common.Topics;
import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.UserException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** conf/server.properties and conf/topics.conf as shipped, and the messages for broken ones. */
class ConfigFilesTest {
    private static final Path CONF = TestNodes.repoRoot().resolve("conf");
    /** The topic conf/formats/beijing.properties names. */
    private static final String BEIJING_TOPIC = "air-quality-beijing";

    @Test
    void shippedServerPropertiesIsASingleLocalNodeWithDataInsideTheProject() {
        NodeConfig config = NodeConfig.load(CONF.resolve("server.properties"), List.of());
        assertEquals("127.0.0.1:9092", config.bootstrapServers());
        assertEquals("127.0.0.1:9093", config.controllerAddress().toString());
        assertEquals(List.of(TestNodes.repoRoot().resolve("data/kraft")), config.logDirs());
        assertEquals("1", config.properties().getProperty("transaction.state.log.replication.factor"));
        assertEquals("1", config.properties().getProperty("offsets.topic.replication.factor"));
        assertEquals("1", config.properties().getProperty("share.coordinator.state.topic.replication.factor"));
    }

    @Test
    void shippedTopicsAreThePipelineTopics() {
        List<TopicSpec> topics = TopicsFile.read(CONF.resolve("topics.conf"));
        assertEquals(List.of(Topics.DATA, BEIJING_TOPIC, Topics.DEAD_LETTER, Topics.REPLAY_CHECKPOINTS),
                topics.stream().map(TopicSpec::name).collect(java.util.stream.Collectors.toList()));
        assertEquals(3, topics.get(0).partitions());
        assertEquals(Map.of("retention.ms", "604800000"), topics.get(0).configs());
        assertEquals(4, topics.get(1).partitions()); // why 4: the comment above it in topics.conf
        assertEquals(Map.of("retention.ms", "604800000"), topics.get(1).configs());
        assertEquals(Map.of("cleanup.policy", "compact"), topics.get(3).configs());
        // No replication factor in the file: each profile's default.replication.factor applies (1 here, 3 on the cluster).
        topics.forEach(t -> assertTrue(t.replicationFactor().isEmpty(), t.name()));
    }

    @Test
    void topicsFileErrorsNameFileLineAndField(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("topics.conf");
        Files.writeString(file, "# comment\nok partitions=1\nbad partitions=three\n");
        UserException e = assertThrows(UserException.class, () -> TopicsFile.read(file));
        assertEquals(ExitCodes.BAD_INPUT, e.exitCode());
        assertEquals(file + ":3: partitions=three is not a positive whole number; expected e.g. partitions=3.", e.getMessage());

        Files.writeString(file, "nopartitions retention.ms=1\n");
        e = assertThrows(UserException.class, () -> TopicsFile.read(file));
        assertTrue(e.getMessage().startsWith(file + ":1: topic nopartitions has no partitions=N"), e.getMessage());
    }

    @Test
    void movingTheControllerPortAloneIsExplained() {
        UserException e = assertThrows(UserException.class, () -> NodeConfig.load(CONF.resolve("server.properties"),
                List.of("listeners=PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093")));
        assertEquals(ExitCodes.BAD_INPUT, e.exitCode());
        assertTrue(e.getMessage().contains("controller.quorum.bootstrap.servers=127.0.0.1:9093 is not usable; expected"
                + " the CONTROLLER listener of this node, i.e. --override controller.quorum.bootstrap.servers=127.0.0.1:19093"),
                e.getMessage());
    }

    @Test
    void overrideWithoutEqualsIsAUsageError() {
        UserException e = assertThrows(UserException.class,
                () -> NodeConfig.load(CONF.resolve("server.properties"), List.of("node.id")));
        assertEquals(ExitCodes.USAGE, e.exitCode());
    }

    @Test
    void shippedClusterProfilePlacesNodeNOnPorts9090Plus2NWithItsOwnDataAndTheSharedQuorum() {
        ClusterLayout layout = new ClusterLayout(CONF.resolve("cluster.properties"), List.of());
        assertEquals("127.0.0.1:9092,127.0.0.1:9094,127.0.0.1:9096", layout.bootstrapServers());
        assertEquals(TestNodes.repoRoot().resolve(io.aqstream.common.cli.LocalCluster.DEFAULT_ROOT), layout.root());
        for (int n = 1; n <= 3; n++) {
            NodeConfig node = layout.nodeConfig(n);
            assertEquals(n, node.nodeId());
            assertEquals("127.0.0.1:" + (9090 + 2 * n), node.bootstrapServers());
            assertEquals("127.0.0.1:" + (9091 + 2 * n), node.controllerAddress().toString());
            assertEquals(List.of(layout.root().resolve("node" + n)), node.logDirs());
            assertEquals("127.0.0.1:9093,127.0.0.1:9095,127.0.0.1:9097", node.quorumBootstrapServers());
            EmbeddedNode.validate(node); // Kafka's own checks accept every node's settings
        }
        java.util.Properties p = layout.nodeConfig(2).properties();
        assertEquals("3", p.getProperty("default.replication.factor"));
        assertEquals("2", p.getProperty("min.insync.replicas"));
        assertEquals("false", p.getProperty("unclean.leader.election.enable"));
        assertEquals("3", p.getProperty("offsets.topic.replication.factor"));
        assertEquals("3", p.getProperty("transaction.state.log.replication.factor"));
        assertEquals("2", p.getProperty("transaction.state.log.min.isr"));
        assertEquals("1@127.0.0.1:9093:a,2@127.0.0.1:9095:b,3@127.0.0.1:9097:c",
                layout.initialControllers(List.of("a", "b", "c")));
    }

    @Test
    void clusterSizesOtherThanOneOrThreeAreUsageErrors() {
        ClusterOptions options = new ClusterOptions();
        options.nodes = 2;
        UserException e = assertThrows(UserException.class, options::cluster);
        assertEquals(ExitCodes.USAGE, e.exitCode());
        assertEquals("--nodes 2: aq-stream runs one node (--nodes 1, the default) or a local cluster of three (--nodes 3).",
                e.getMessage());
        options.nodes = null;
        options.node = 4;
        e = assertThrows(UserException.class, options::cluster);
        assertEquals("--node 4: the local cluster has nodes 1, 2 and 3.", e.getMessage());

        // Node 1's listeners place the cluster: moved together, nodes 2 and 3 follow.
        ClusterLayout moved = new ClusterLayout(CONF.resolve("cluster.properties"),
                List.of("listeners=PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093"));
        assertEquals("127.0.0.1:19092,127.0.0.1:19094,127.0.0.1:19096", moved.bootstrapServers());
        e = assertThrows(UserException.class, () -> new ClusterLayout(CONF.resolve("cluster.properties"),
                List.of("listeners=PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:29093")));
        assertEquals(ExitCodes.BAD_INPUT, e.exitCode());
    }
}
