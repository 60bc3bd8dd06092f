package io.aqstream.consumer;

import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.KafkaFailures;
import io.aqstream.common.cli.UserException;
import io.aqstream.common.processed.TopicIncarnation;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Which incarnation of the topic bin/consume reads (cluster id and topic id, through an {@link Admin}
 * client), asked at start and at every rebalance, with clear errors when Kafka or the topic is missing;
 * and the partitions' committed ends, for --stop-at-end*. Waits give way to Ctrl-C.
 */
final class TopicLookup implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /**
     * The topic's metadata. Its lines say nothing was read: true at the start; at a rebalance, asked again, rows
     * may have been (left as it was).
     */
    private static final Asking METADATA = new Asking("reading the topic's metadata",
            "interrupted while connecting; nothing was read.", "nothing was read");

    private final Admin admin;
    private final String bootstrap;
    private final String topic;
    private final BooleanSupplier stopRequested;
    private final Duration longestWait;

    TopicLookup(Properties clientProperties, String topic, BooleanSupplier stopRequested) {
        Properties p = new Properties();
        p.putAll(clientProperties);
        p.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "aq-consume-admin");
        this.admin = Admin.create(p);
        this.bootstrap = clientProperties.getProperty("bootstrap.servers");
        this.topic = topic;
        this.stopRequested = stopRequested;
        this.longestWait = clientLimit(clientProperties).filter(limit -> limit.compareTo(TIMEOUT) < 0).orElse(TIMEOUT);
    }

    /** The longest a lookup waits for Kafka: ours, or the client's own default.api.timeout.ms when shorter. */
    Duration longestWait() {
        return longestWait;
    }

    private static java.util.Optional<Duration> clientLimit(Properties clientProperties) {
        try {
            return java.util.Optional.ofNullable(clientProperties.getProperty(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG))
                    .map(String::strip).map(Long::parseLong).map(Duration::ofMillis);
        } catch (NumberFormatException e) {
            return java.util.Optional.empty(); // the client itself refuses it, with its own message
        }
    }

    /** The topic's current incarnation. */
    TopicIncarnation current() {
        String clusterId = await(admin.describeCluster().clusterId(), METADATA);
        TopicDescription description;
        try {
            description = await(admin.describeTopics(List.of(topic)).allTopicNames(), METADATA).get(topic);
        } catch (UnknownTopicOrPartitionException e) {
            description = null;
        }
        if (description == null) {
            throw new UserException(ExitCodes.KAFKA_UNAVAILABLE, "topic " + topic + " does not exist on " + bootstrap
                    + ". bin/start-kraft creates it; or give the right --topic.");
        }
        return new TopicIncarnation(clusterId, topic, description.topicId().toString());
    }

    /**
     * Each partition's end as a read_committed consumer sees it (the last stable offset), asked on this client's
     * own connection. The consumer's {@code endOffsets} would queue behind its own fetch, which the broker holds
     * for up to fetch.max.wait.ms (500 ms) when no new rows come: bin/pipeline's consumer, whose stdin closes
     * when the replay has committed its last row, stopped about half a second later than it needed to.
     *
     * @param kept what a failure here leaves committed, for its error line: by now rows may have been written
     */
    Map<TopicPartition, Long> committedEnds(Collection<TopicPartition> partitions, String kept) {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        String doing = "taking the partitions' ends";
        await(admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all(),
                new Asking(doing, "interrupted while " + doing + "; " + kept + ".", kept))
                .forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    private <T> T await(KafkaFuture<T> future, Asking asking) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            if (stopRequested.getAsBoolean()) {
                throw new UserException(ExitCodes.INTERRUPTED, asking.interrupted());
            }
            try {
                return future.get(200, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw KafkaFailures.unreachable(bootstrap, TIMEOUT, asking.doing(), asking.kept());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UserException(ExitCodes.INTERRUPTED, asking.interrupted(), e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                    throw (UnknownTopicOrPartitionException) e.getCause();
                }
                // The client's own default.api.timeout.ms (e.g. from --command-config) may run out first.
                throw KafkaFailures.translate(e.getCause(), bootstrap,
                        Duration.ofNanos(System.nanoTime() - deadline + TIMEOUT.toNanos()),
                        asking.doing(), asking.kept());
            }
        }
    }

    /** Closes the admin client without waiting long: pending calls to a broker that never answered are not worth it. */
    @Override
    public void close() {
        admin.close(Duration.ofMillis(500));
    }

    /** What a wait is for, in its error lines: what was being done, the line for Ctrl-C, and what is kept. */
    private record Asking(String doing, String interrupted, String kept) {
    }
}
