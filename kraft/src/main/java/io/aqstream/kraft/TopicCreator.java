package io.aqstream.kraft;

import io.aqstream.common.cli.Plural;
import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.KafkaFailures;
import io.aqstream.common.cli.UserException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the declared topics that are missing, reports existing ones whose partition count differs
 * (never changes them: that would reshuffle keys), then waits until every partition has a leader, which
 * is when the node really accepts produce requests for them.
 */
public final class TopicCreator {
    /** A single node elects its leaders at once; this only bounds a broken start. */
    private static final Duration LEADER_WAIT = Duration.ofMinutes(2);

    private TopicCreator() {
    }

    /**
     * Loads the admin client's classes on a background thread while the server starts (the main thread
     * mostly waits then), so that creating the topics afterwards does not pay for it. No connection is
     * made: only the configuration is parsed.
     */
    public static void warmUp(String bootstrapServers) {
        Thread t = new Thread(() -> {
            try {
                Properties props = new Properties();
                props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
                new AdminClientConfig(props);
                Class.forName("org.apache.kafka.clients.admin.KafkaAdminClient");
                Class.forName("org.apache.kafka.clients.admin.internals.AdminMetadataManager");
                new NewTopic("warm-up", 1, (short) 1);
            } catch (ClassNotFoundException | RuntimeException e) {
                // only an optimisation
            }
        }, "aq-kraft-admin-warm-up");
        t.setDaemon(true);
        t.start();
    }

    public static void ensure(String bootstrapServers, List<TopicSpec> specs, PrintWriter err) throws InterruptedException {
        ensure(bootstrapServers, new Properties(), specs, err);
    }

    /** As {@link #ensure(String, List, PrintWriter)}, with {@code clientSettings} (e.g. the secure profile's admin login). */
    public static void ensure(String bootstrapServers, Properties clientSettings, List<TopicSpec> specs, PrintWriter err)
            throws InterruptedException {
        if (specs.isEmpty()) {
            return;
        }
        Properties props = new Properties();
        props.putAll(clientSettings);
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "aq-kraft-topics");
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            Map<String, TopicSpec> byName = new HashMap<>();
            for (TopicSpec spec : specs) {
                byName.put(spec.name(), spec);
                if (!existing.contains(spec.name())) {
                    missing.add(new NewTopic(spec.name(), Optional.of(spec.partitions()), spec.replicationFactor())
                            .configs(spec.configs()));
                }
            }
            if (!missing.isEmpty()) {
                for (Map.Entry<String, KafkaFuture<Void>> created : admin.createTopics(missing).values().entrySet()) {
                    TopicSpec spec = byName.get(created.getKey());
                    try {
                        created.getValue().get();
                        err.printf("Created topic %s (%s, %s).%n", spec.name(), Plural.count(spec.partitions(), "partition"),
                                spec.configs().isEmpty() ? "default settings" : spec.configs());
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            throw refused(spec, e.getCause());
                        }
                    }
                }
            }
            reportDifferences(awaitLeaders(admin, specs), specs, err);
        } catch (ExecutionException e) {
            // The admin client's own default.api.timeout.ms (60 s) bounds every request here.
            throw KafkaFailures.translate(e.getCause(), bootstrapServers, Duration.ofSeconds(60),
                    "creating the topics of topics.conf",
                    "the node started; details in logs/server.log");
        } finally {
            err.flush();
        }
    }

    private static void reportDifferences(Map<String, TopicDescription> described, List<TopicSpec> specs, PrintWriter err) {
        for (TopicSpec spec : specs) {
            TopicDescription d = described.get(spec.name());
            if (d != null && d.partitions().size() != spec.partitions()) {
                err.printf("warning: topic %s exists with %s, but %s declares %d. It is left as it is;"
                                + " to recreate it, stop the node, run bin/reset-kraft (deletes all data) and start again.%n",
                        spec.name(), Plural.count(d.partitions().size(), "partition"), spec.origin(), spec.partitions());
            }
        }
    }

    /**
     * Describes the topics until every partition has a leader. Right after creation the broker may not
     * know a topic yet (its metadata follows the controller's a moment later): that answer, like any
     * retriable one, means "ask again".
     */
    private static Map<String, TopicDescription> awaitLeaders(Admin admin, List<TopicSpec> specs)
            throws ExecutionException, InterruptedException {
        long deadline = System.nanoTime() + LEADER_WAIT.toNanos();
        while (true) {
            if (System.nanoTime() > deadline) {
                throw new UserException(ExitCodes.KAFKA_UNAVAILABLE, "the node started, but its topics had no leader"
                        + " after " + LEADER_WAIT.toSeconds() + " s. Details in logs/server.log; stop it with bin/stop-kraft"
                        + " and start it again.");
            }
            try {
                Map<String, TopicDescription> described = describe(admin, specs);
                boolean allLed = described.values().stream().flatMap(d -> d.partitions().stream())
                        .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
                if (allLed) {
                    return described;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException)) {
                    throw e;
                }
            }
            Thread.sleep(50);
        }
    }

    private static Map<String, TopicDescription> describe(Admin admin, List<TopicSpec> specs)
            throws ExecutionException, InterruptedException {
        List<String> names = new ArrayList<>();
        specs.forEach(s -> names.add(s.name()));
        return admin.describeTopics(names).allTopicNames().get();
    }

    private static UserException refused(TopicSpec spec, Throwable cause) {
        boolean badDeclaration = cause instanceof InvalidConfigurationException
                || cause instanceof InvalidReplicationFactorException
                || cause instanceof InvalidPartitionsException
                || cause instanceof PolicyViolationException;
        return new UserException(badDeclaration ? ExitCodes.BAD_INPUT : ExitCodes.KAFKA_UNAVAILABLE,
                spec.origin() + ": the node refused to create topic " + spec.name() + ": " + cause.getMessage()
                        + (badDeclaration ? " Fix that line (at most one replica per node)." : " Details in logs/server.log."),
                cause);
    }
}
