package io.aqstream.securecheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqstream.admin.AdminCommand;
import io.aqstream.common.cli.ExitCodes;
import io.aqstream.consumer.ConsumeCommand;
import io.aqstream.kraft.StartKraft;
import io.aqstream.kraft.secure.SecureFiles;
import io.aqstream.producer.ProduceCommand;
import io.aqstream.testkit.CliResult;
import io.aqstream.testkit.KraftTestCluster;
import io.aqstream.testkit.RepoFiles;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * bin/start-kraft --nodes 3 --secure, tested from outside on one secured local cluster: the role files name all
 * three nodes, a secured replay of the real file by the producer role lands once in Parquet through the consumer
 * role while the topic has three replicas, the ACLs (created once, by the cluster's launcher) hold on every node,
 * a plaintext client is refused, and a node's storage refuses a start without --secure. The negative cases of one
 * secured node (SecureProfileTest) are the same code on each node; the cluster's behaviour under broker loss is
 * the same with TLS (ClusterBrokerLossTest).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecureClusterTest {
    private static final int UCI_ROWS = 9357;

    static Path dir;
    static KraftTestCluster cluster;
    static final SeenOutputs outputs = new SeenOutputs();

    @BeforeAll
    static void secureCluster() throws IOException {
        dir = Files.createTempDirectory("aq-secure-cluster-");
        cluster = KraftTestCluster.startSecure(dir);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void everyRoleFileNamesTheThreeNodesAndNoSecretLeaksIntoTheNodesArguments() throws IOException {
        for (String role : SecureFiles.ROLES) {
            Properties p = load(SecureFiles.roleProperties(cluster.secureDir(), role));
            assertEquals(cluster.bootstrapServers(), p.getProperty("bootstrap.servers"), role);
            assertEquals("SASL_SSL", p.getProperty("security.protocol"), role);
            String librdkafka = Files.readString(SecureFiles.roleLibrdkafka(cluster.secureDir(), role), StandardCharsets.UTF_8);
            assertTrue(librdkafka.contains("bootstrap.servers=" + cluster.bootstrapServers() + "\n"), role);
        }
        Map<String, String> secrets = SecureFiles.passwords(cluster.secureDir());
        for (int n = 1; n <= KraftTestCluster.SIZE; n++) {
            String arguments = new String(Files.readAllBytes(Path.of("/proc/" + cluster.pid(n) + "/cmdline")),
                    StandardCharsets.UTF_8).replace('\0', ' ');
            assertTrue(arguments.contains("--secure"), arguments);
            for (Map.Entry<String, String> s : secrets.entrySet()) {
                assertFalse(arguments.contains(s.getValue()), s.getKey() + " shows in node " + n + "'s arguments");
            }
        }
    }

    @Test
    @Order(2)
    void aSecuredReplayLandsInParquetOnceWithEveryTopicOnThreeReplicas() throws Exception {
        CliResult produced = run(new ProduceCommand(), RepoFiles.realCsv().toString(), "--speed", "max",
                "--batch-size", "1000", "--wait-for-broker", "120s", "--command-config", role("producer"));
        assertEquals(0, produced.exitCode(), produced.toString());
        Path output = dir.resolve("processed");
        CliResult consumed = run(new ConsumeCommand(), "--output", output.toString(), "--stop-at-end", "--stop-after-idle", "20",
                "--command-config", role("consumer"));
        assertEquals(0, consumed.exitCode(), consumed.toString());
        OncePerTimestamp.assertEveryRowOnce(output.resolve("air-quality-data"), UCI_ROWS);
        try (Admin admin = Admin.create(load(SecureFiles.roleProperties(cluster.secureDir(), "admin")))) {
            TopicDescription data = admin.describeTopics(List.of("air-quality-data")).allTopicNames().get()
                    .get("air-quality-data");
            data.partitions().forEach(p -> assertEquals(3, p.replicas().size(), "air-quality-data-" + p.partition()));
        }
    }

    /** The ACLs live in the cluster's metadata: the analyst is refused through each node alone. */
    @Test
    @Order(3)
    void theAnalystCannotDeleteATopicThroughAnyNode() throws IOException {
        for (int n = 1; n <= KraftTestCluster.SIZE; n++) {
            Properties analyst = load(SecureFiles.roleProperties(cluster.secureDir(), "analyst"));
            analyst.put("bootstrap.servers", cluster.bootstrapServers(n));
            try (Admin admin = Admin.create(analyst)) {
                ExecutionException e = assertThrows(ExecutionException.class,
                        () -> admin.deleteTopics(List.of("air-quality-data")).all().get());
                assertInstanceOf(TopicAuthorizationException.class, e.getCause(), "through node " + n);
            }
        }
    }

    @Test
    @Order(4)
    void aPlaintextClientIsRefusedInOneLine() {
        CliResult r = run(new AdminCommand(), "topics", "list", "--bootstrap-server", cluster.bootstrapServers(),
                "--timeout", "5");
        assertEquals(ExitCodes.KAFKA_UNAVAILABLE, r.exitCode(), r.toString());
        List<String> errors = r.err().lines().filter(l -> l.startsWith("error: ")).toList();
        assertEquals(1, errors.size(), r.toString());
        assertTrue(errors.get(0).contains("It speaks TLS"), r.toString());
        assertFalse(r.err().contains("\tat "), "no stack trace\n" + r);
    }

    /** A node's storage remembers the profile: without --secure it would serve the data to anyone. */
    @Test
    @Order(5)
    void aNodeOfTheSecureClusterRefusesToStartWithoutSecureAndComesBackWithIt() throws Exception {
        cluster.stop(2);
        List<String> args = new ArrayList<>(List.of("--node", "2"));
        args.addAll(cluster.configArguments());
        CliResult r = run(new StartKraft(), args.toArray(String[]::new));
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.toString());
        assertTrue(r.err().contains("was formatted by bin/start-kraft --secure: start it with --secure"), r.toString());
        assertFalse(r.err().contains("\tat "), "no stack trace\n" + r);
        cluster.start(2);
        CliResult health = run(new AdminCommand(), "health", "--command-config", role("analyst"));
        assertEquals(0, health.exitCode(), health.toString());
        for (String secret : SecureFiles.passwords(cluster.secureDir()).values()) {
            for (String text : outputs.all()) {
                assertFalse(text.contains(secret), "a password shows in a command's output");
            }
        }
    }

    private static CliResult run(Object command, String... args) {
        return outputs.run(command, args);
    }

    private static String role(String name) {
        return SecureFiles.roleProperties(cluster.secureDir(), name).toString();
    }

    private static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return p;
    }
}
