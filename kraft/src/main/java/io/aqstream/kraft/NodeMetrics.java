package io.aqstream.kraft;

import io.aqstream.common.metrics.Metric;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code bin/start-kraft --metrics-port} serves: what the launcher knows cheaply (up, uptime,
 * ready), and once ready the end offset of every partition of the topics of topics.conf, asked of the
 * node itself through an Admin client at each scrape. The broker's own metrics stay in JMX.
 *
 * <p>Threads: {@link #samples()} runs on the metrics server's single thread, which alone uses the Admin
 * client; {@link #ready()} is called by the node's thread.
 */
final class NodeMetrics implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeMetrics.class);
    private static final long TIMEOUT_MS = 3000;

    private final String bootstrapServers;
    private final Properties clientSecurity;
    private final List<String> topics;
    private volatile boolean ready;
    private volatile Admin admin;

    /**
     * @param clientSecurity the node's own admin client settings of its profile ({@link
     *                       NodeSecurity#adminClientProperties}): with --secure, TLS and the admin login, so that
     *                       the end offsets can be read from the secured client port
     */
    NodeMetrics(String bootstrapServers, Properties clientSecurity, List<String> topics) {
        this.bootstrapServers = bootstrapServers;
        this.clientSecurity = clientSecurity;
        this.topics = List.copyOf(topics);
    }

    /** The node printed its ready line: from now on the end offsets are asked for. */
    void ready() {
        ready = true;
    }

    List<Metric> samples() {
        List<Metric> m = new ArrayList<>();
        m.add(Metric.gauge("aq_node_up", "1 while the node's process runs.", 1));
        m.add(Metric.gauge("aq_node_ready", "1 once the node answered and the topics of topics.conf exist.",
                ready ? 1 : 0));
        m.add(Metric.gauge("aq_node_uptime_seconds", "Seconds since the node's JVM started.",
                ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0));
        if (ready && !topics.isEmpty()) {
            Map<TopicPartition, Long> offsets = endOffsets();
            m.add(Metric.gauge("aq_node_end_offsets_ok",
                    "1 when the end offsets below could be read from the node at this scrape, else 0.",
                    offsets == null ? 0 : 1));
            if (offsets != null) {
                for (Map.Entry<TopicPartition, Long> e : offsets.entrySet()) {
                    m.add(Metric.gauge("aq_node_end_offset",
                            "Log end offset per partition of the topics of topics.conf (records and transaction"
                                    + " markers written so far).", e.getValue(),
                            "topic", e.getKey().topic(), "partition", Integer.toString(e.getKey().partition())));
                }
            }
        }
        return m;
    }

    /** @return topic-partition → end offset, sorted; null when the node did not answer in time */
    private Map<TopicPartition, Long> endOffsets() {
        try {
            Admin a = admin();
            Map<String, KafkaFuture<TopicDescription>> described = a.describeTopics(topics).topicNameValues();
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            for (Map.Entry<String, KafkaFuture<TopicDescription>> e : described.entrySet()) {
                TopicDescription d;
                try {
                    d = e.getValue().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
                } catch (ExecutionException missing) {
                    continue; // deleted since start: nothing to report for it
                }
                d.partitions().forEach(p -> request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest()));
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result =
                    a.listOffsets(request).all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            Map<TopicPartition, Long> sorted = new TreeMap<>((x, y) -> x.topic().equals(y.topic())
                    ? Integer.compare(x.partition(), y.partition()) : x.topic().compareTo(y.topic()));
            result.forEach((tp, info) -> sorted.put(tp, info.offset()));
            return sorted;
        } catch (ExecutionException | TimeoutException
                | RuntimeException e) {
            LOG.warn("metrics: could not read the end offsets from {}: {}", bootstrapServers, e.toString());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private Admin admin() {
        if (admin == null) {
            Properties p = new Properties();
            p.putAll(clientSecurity);
            p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            p.put(AdminClientConfig.CLIENT_ID_CONFIG, "aq-kraft-metrics");
            p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(TIMEOUT_MS));
            p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(TIMEOUT_MS));
            admin = Admin.create(p);
        }
        return admin;
    }

    @Override
    public void close() {
        Admin a = admin;
        if (a != null) {
            a.close(Duration.ofMillis(500));
        }
    }
}
