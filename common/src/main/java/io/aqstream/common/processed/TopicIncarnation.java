package io.aqstream.common.processed;

import java.util.Map;
import java.util.Objects;

/**
 * One life of a topic: its name, the id Kafka gave it when it was created, and the cluster it lives in.
 * Deleting and recreating the topic, or resetting the node ({@code bin/reset-kraft}), starts a new
 * incarnation whose offsets begin at 0 again, so offsets (and Parquet file names made of offsets) mean
 * something only together with the incarnation they belong to.
 */
public record TopicIncarnation(String clusterId, String topic, String topicId) {
    public TopicIncarnation {
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(topicId, "topicId");
    }

    /** The footer entries of a Parquet file written from this incarnation. */
    public Map<String, String> footer() {
        return Map.of(ParquetFooter.CLUSTER_ID, clusterId, ParquetFooter.TOPIC, topic, ParquetFooter.TOPIC_ID, topicId);
    }

    /** The incarnation a Parquet footer names, or null when it names none (a file of an older version). */
    public static TopicIncarnation fromFooter(Map<String, String> footer) {
        String cluster = footer.get(ParquetFooter.CLUSTER_ID);
        String topic = footer.get(ParquetFooter.TOPIC);
        String id = footer.get(ParquetFooter.TOPIC_ID);
        return cluster == null || topic == null || id == null ? null : new TopicIncarnation(cluster, topic, id);
    }

    /** For messages: {@code topic air-quality-data (topic id X, cluster Y)}. */
    public String describe() {
        return "topic " + topic + " (topic id " + topicId + ", cluster " + clusterId + ")";
    }
}
