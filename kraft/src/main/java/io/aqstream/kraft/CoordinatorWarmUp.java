package io.aqstream.kraft;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.TransactionalIdNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Has a node that has just become ready create Kafka's two internal topics, __transaction_state and
 * __consumer_offsets, at once, in the background, instead of when the first transactional producer and the first
 * consumer group ask for their coordinator. A broker creates them on that first request and answers "coordinator
 * not available" until their partitions are loaded, so the first bin/produce and bin/consume after a fresh start
 * waited for it (in bin/pipeline, its replay was 0.4 s shorter with the warm-up; docs/benchmarks.md, "bin/pipeline:
 * 8.9 s to 8.3 s in the same run"). The questions asked are the ones any client asks: the coordinator of a
 * transactional id and of a group, then that id's transaction and that group, which do not exist; nothing is
 * written, and a failure (e.g. a profile whose admin login may not describe them) only leaves the topics to be
 * created on first use, as before.
 */
final class CoordinatorWarmUp {
    private static final Logger LOG = LoggerFactory.getLogger(CoordinatorWarmUp.class);
    /** Neither a transactional id nor a group anyone uses: the describes find nothing. */
    private static final String NOBODY = "aq-kraft-coordinator-warm-up";
    /** Bounds a node whose internal topics cannot be created yet (a cluster whose other nodes are still starting). */
    private static final Duration LIMIT = Duration.ofSeconds(30);

    private CoordinatorWarmUp() {
    }

    /** Starts the warm-up on a daemon thread; returns at once. */
    static void startInBackground(String bootstrapServers, Properties adminSettings) {
        Thread t = new Thread(() -> run(bootstrapServers, adminSettings), "aq-kraft-coordinator-warm-up");
        t.setDaemon(true);
        t.start();
    }

    private static void run(String bootstrapServers, Properties adminSettings) {
        long started = System.nanoTime();
        Properties props = new Properties();
        props.putAll(adminSettings);
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, NOBODY);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) LIMIT.toMillis());
        try (Admin admin = Admin.create(props)) {
            KafkaFuture<?> transactions = admin.describeTransactions(List.of(NOBODY)).all();
            KafkaFuture<?> groups = admin.describeConsumerGroups(List.of(NOBODY)).all();
            boolean transactionsReady = answered(transactions, TransactionalIdNotFoundException.class);
            boolean groupsReady = answered(groups, GroupIdNotFoundException.class); // waited for either way
            if (transactionsReady && groupsReady) {
                LOG.info("Kafka's internal topics __transaction_state and __consumer_offsets are ready, {} ms after the"
                        + " node", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            }
        } catch (RuntimeException e) {
            LOG.debug("warming up the coordinators failed; Kafka creates their topics on first use", e);
        }
    }

    /** True when the coordinator answered: the described id exists, or it said it does not ({@code nobody}). */
    private static boolean answered(KafkaFuture<?> future, Class<? extends Exception> nobody) {
        try {
            future.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            if (nobody.isInstance(e.getCause())) {
                return true;
            }
            LOG.debug("warming up a coordinator: {}; Kafka creates its topic on first use", e.getCause().toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (TimeoutException e) {
            LOG.debug("warming up a coordinator: no answer within {} s; Kafka creates its topic on first use",
                    LIMIT.toSeconds());
            return false;
        }
    }
}
