package io.aqstream.admin;

import io.aqstream.common.ReadCommitted;
import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.KafkaClientOptions;
import io.aqstream.common.cli.KafkaFailures;
import io.aqstream.common.cli.KafkaWait;
import io.aqstream.common.cli.UserException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * One command's access to Kafka: an {@link Admin} client with bounded timeouts, consumers configured
 * the same way, and the one place where Kafka's exceptions become {@link UserException}s that name
 * the broker address and the fix.
 */
public final class KafkaConnection implements AutoCloseable {
    private final Properties clientProperties;
    private final String bootstrap;
    private final Duration timeout;
    private final PrintWriter err;
    private boolean announced;
    private Admin admin;

    /** @param err where the one "waiting for Kafka" line goes, before the first client is made */
    public KafkaConnection(KafkaClientOptions options, TimeoutOption timeout, PrintWriter err) {
        this.clientProperties = options.clientProperties();
        this.bootstrap = clientProperties.getProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        this.timeout = timeout.duration();
        this.err = err;
    }

    public String bootstrap() {
        return bootstrap;
    }

    public Duration timeout() {
        return timeout;
    }

    /** The admin client, created on first use. */
    public Admin admin() {
        if (admin == null) {
            Properties props = copy();
            props.put(AdminClientConfig.CLIENT_ID_CONFIG, "aq-admin");
            props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis());
            props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis());
            admin = create(() -> Admin.create(props));
        }
        return admin;
    }

    /**
     * A consumer that reads what the pipeline's consumer would see ({@code read_committed}), without a
     * group: it never commits and never disturbs the consumer group's position.
     */
    public KafkaConsumer<byte[], byte[]> readCommittedConsumer() {
        Properties props = ReadCommitted.consumerProperties(copy(), "aq-admin-reader");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, millis());
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return create(() -> new KafkaConsumer<>(props));
    }

    /**
     * Waits for an admin result, bounded by the timeout, and turns failures into one clear line.
     *
     * @param what what was being done, completing "while ...", e.g. "listing topics"
     */
    public <T> T get(KafkaFuture<T> future, String what) {
        try {
            return future.get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw translate(e.getCause() == null ? e : e.getCause(), what);
        } catch (java.util.concurrent.TimeoutException e) {
            throw unreachable(what);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserException(ExitCodes.INTERRUPTED, "interrupted while " + what + ".");
        }
    }

    /** The exception to throw for a Kafka failure; {@link UserException}s pass through unchanged. */
    public RuntimeException translate(Throwable cause, String what) {
        if (cause instanceof UserException) {
            return (UserException) cause;
        }
        if (cause instanceof UnknownTopicOrPartitionException) {
            return new UserException(ExitCodes.USAGE, "no such topic on " + bootstrap + " while " + what
                    + ". List the topics with: bin/aq-admin topics list", cause);
        }
        if (cause instanceof GroupIdNotFoundException) {
            return new UserException(ExitCodes.USAGE, "no such consumer group on " + bootstrap + " while " + what
                    + ". List the groups with: bin/aq-admin groups", cause);
        }
        return KafkaFailures.translate(cause, bootstrap, timeout, what, "");
    }

    /** The message for a broker that does not answer: the address, and how to start the local node. */
    public UserException unreachable(String what) {
        return KafkaFailures.unreachable(bootstrap, timeout, what, "");
    }

    @Override
    public void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
            admin = null;
        }
    }

    private Properties copy() {
        Properties props = new Properties();
        props.putAll(clientProperties);
        return props;
    }

    private String millis() {
        return Long.toString(timeout.toMillis());
    }

    private <T> T create(Supplier<T> client) {
        T created = construct(client);
        // Every subcommand's first request follows its first client at once: announce the wait here, once
        // (after the constructor, which refuses a malformed address without waiting).
        if (!announced) {
            announced = true;
            KafkaWait.announce(err, bootstrap, timeout);
        }
        return created;
    }

    private <T> T construct(Supplier<T> client) {
        try {
            return client.get();
        } catch (KafkaException e) {
            // The client constructors wrap configuration errors ("Failed to create new KafkaAdminClient").
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof ConfigException) {
                    throw new UserException(ExitCodes.USAGE, "cannot use bootstrap server '" + bootstrap + "': "
                            + t.getMessage() + ". Give --bootstrap-server HOST:PORT, e.g. 127.0.0.1:9092.", e);
                }
            }
            Throwable root = e.getCause() != null ? e.getCause() : e;
            throw new UserException(ExitCodes.KAFKA_UNAVAILABLE, "cannot create a Kafka client for " + bootstrap
                    + ": " + root.getMessage() + ". Check --bootstrap-server (HOST:PORT, host name resolvable)"
                    + " and --command-config.", e);
        }
    }
}
