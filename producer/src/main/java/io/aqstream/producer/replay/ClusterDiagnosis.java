package io.aqstream.producer.replay;

import io.aqstream.common.cli.BrokerProbe;
import io.aqstream.common.cli.Plural;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Why the cluster does not take writes, in one sentence with the fix, for {@link WriteStall}. Without a
 * controller majority the brokers' metadata still lists the dead brokers as alive (nobody can fence
 * them), so each broker named in the metadata is also asked directly whether it accepts a connection
 * ({@link BrokerProbe}).
 */
final class ClusterDiagnosis implements Supplier<String> {
    private final Admin admin;
    private final String bootstrap;
    private final List<String> topics;

    ClusterDiagnosis(Admin admin, String bootstrap, List<String> topics) {
        this.admin = admin;
        this.bootstrap = bootstrap;
        this.topics = topics;
    }

    @Override
    public String get() {
        Collection<Node> brokers;
        try {
            brokers = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            return "no broker at " + bootstrap + " answers. Start the Kafka node or cluster (bin/start-kraft), or check"
                    + " --bootstrap-server.";
        }
        Set<Integer> down = new TreeSet<>();
        Set<Integer> all = new TreeSet<>();
        for (Node b : brokers) {
            all.add(b.id());
            if (!BrokerProbe.accepts(b.host(), b.port())) {
                down.add(b.id());
            }
        }
        String replicas = replicasShort(down);
        if (down.isEmpty()) {
            return "every broker of " + bootstrap + " answers, but Kafka does not complete the writes (see the"
                    + " brokers' logs, and bin/aq-admin health)" + (replicas.isEmpty() ? "." : ": " + replicas + ".");
        }
        return Plural.count(down.size(), "broker") + " of " + all.size() + " (" + ids(down) + ") " + (down.size() == 1 ? "does" : "do") + " not answer, so Kafka"
                + " cannot take writes" + (replicas.isEmpty() ? "" : ": " + replicas)
                + (down.size() * 2 >= all.size() ? " (and the controllers have no majority)" : "")
                + ". Start the brokers that are down (local cluster: bin/start-kraft --node " + down.iterator().next()
                + "; bin/aq-admin health shows the cluster).";
    }

    /** "2 partitions have fewer than min.insync.replicas=2 replicas on running brokers", or "" when unknown. */
    private String replicasShort(Set<Integer> down) {
        try {
            Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get(5, TimeUnit.SECONDS);
            List<ConfigResource> resources = new ArrayList<>();
            topics.forEach(t -> resources.add(new ConfigResource(ConfigResource.Type.TOPIC, t)));
            Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(5, TimeUnit.SECONDS);
            int shortOf = 0;
            int minIsr = 1;
            for (TopicDescription d : described.values()) {
                ConfigEntry entry = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, d.name()))
                        .get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
                int min = entry == null || entry.value() == null ? 1 : Integer.parseInt(entry.value());
                minIsr = Math.max(minIsr, min);
                for (TopicPartitionInfo p : d.partitions()) {
                    long alive = p.replicas().stream().filter(r -> !down.contains(r.id())).count();
                    if (alive < min) {
                        shortOf++;
                    }
                }
            }
            return shortOf == 0 ? "" : Plural.count(shortOf, "partition") + " of " + String.join(", ", topics)
                    + " have fewer than min.insync.replicas=" + minIsr + " replicas on running brokers";
        } catch (Exception e) {
            return "";
        }
    }

    private static String ids(Set<Integer> ids) {
        List<String> names = new ArrayList<>();
        ids.forEach(i -> names.add("node " + i));
        return String.join(", ", names);
    }
}
