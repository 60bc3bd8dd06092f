package io.aqstream.producer.replay;

import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.KafkaFailures;
import io.aqstream.common.cli.UserException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Before a replay: wait (bounded) for the cluster to answer, and make sure the topics it writes exist. */
public final class KafkaSetup {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaSetup.class);

    private KafkaSetup() {
    }

    /**
     * Retries until the cluster answers or {@code wait} has passed; a student who types bin/produce while
     * bin/start-kraft is still starting should not see an error.
     */
    public static void awaitBroker(Admin admin, String bootstrap, Duration wait, BooleanSupplier stopRequested) {
        long deadline = System.nanoTime() + wait.toNanos();
        Exception last = null;
        do {
            if (stopRequested.getAsBoolean()) {
                throw new UserException(ExitCodes.INTERRUPTED, "interrupted while waiting for Kafka at " + bootstrap
                        + " (nothing was sent)");
            }
            long remainingMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            try {
                admin.describeCluster().nodes().get(Math.min(remainingMs, 1_000), TimeUnit.MILLISECONDS);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UserException(ExitCodes.INTERRUPTED, "interrupted while waiting for Kafka at " + bootstrap);
            } catch (ExecutionException e) {
                last = e;
                if (e.getCause() instanceof AuthenticationException || e.getCause() instanceof AuthorizationException) {
                    throw KafkaFailures.translate(e.getCause(), bootstrap, wait, "connecting", "nothing was sent");
                }
                sleepQuietly(500);
            } catch (TimeoutException e) {
                last = e;
            }
        } while (System.nanoTime() < deadline);
        LOG.debug("no broker answered at {}; the last attempt failed with", bootstrap, last); // the command logs the error line
        throw KafkaFailures.unreachable(bootstrap, wait, "connecting", "nothing was sent");
    }

    /**
     * Creates the topics that are missing, with the broker's default partitions and replication factor
     * (1 on the single node); the checkpoint topic is compacted. If this user may not create topics,
     * says which topic to ask an administrator for.
     */
    public static void ensureTopics(Admin admin, String bootstrap, List<String> topics, String checkpointTopic) {
        try {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String topic : topics) {
                if (!existing.contains(topic)) {
                    NewTopic t = new NewTopic(topic, Optional.empty(), Optional.empty());
                    if (topic.equals(checkpointTopic)) {
                        t.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
                    }
                    missing.add(t);
                }
            }
            if (missing.isEmpty()) {
                return;
            }
            for (var entry : admin.createTopics(missing).values().entrySet()) {
                try {
                    entry.getValue().get(30, TimeUnit.SECONDS);
                    LOG.info("created topic {}", entry.getKey());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof TopicExistsException) {
                        continue; // created by someone else meanwhile: fine
                    }
                    throw new UserException(ExitCodes.KAFKA_UNAVAILABLE, "topic " + entry.getKey() + " does not exist"
                            + " at " + bootstrap + " and could not be created (" + e.getCause().getMessage()
                            + "). Create it, or ask the cluster's administrator to (nothing was sent).", e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserException(ExitCodes.INTERRUPTED, "interrupted while checking topics");
        } catch (ExecutionException e) {
            throw KafkaFailures.translate(e.getCause(), bootstrap, Duration.ofSeconds(30), "listing the topics",
                    "nothing was sent");
        } catch (TimeoutException e) {
            throw KafkaFailures.unreachable(bootstrap, Duration.ofSeconds(30), "listing the topics", "nothing was sent");
        }
    }

    static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
