package io.aqstream.admin;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Each topic's effective {@code min.insync.replicas} (its own, or the cluster's default): a partition with
 * fewer in-sync replicas refuses acks=all writes, which is what health must report as a failure.
 */
final class MinInsyncReplicas {
    private MinInsyncReplicas() {
    }

    static Map<String, Integer> of(KafkaConnection kc, Collection<String> topics) {
        List<ConfigResource> resources = topics.stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t))
                .collect(Collectors.toList());
        Map<ConfigResource, Config> configs = kc.get(kc.admin().describeConfigs(resources).all(), "describing topic configs");
        Map<String, Integer> result = new HashMap<>();
        for (Map.Entry<ConfigResource, Config> c : configs.entrySet()) {
            ConfigEntry entry = c.getValue().get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
            if (entry != null && entry.value() != null) {
                result.put(c.getKey().name(), Integer.parseInt(entry.value()));
            }
        }
        return result;
    }
}
