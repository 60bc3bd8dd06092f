package io.aqstream.kraft;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;

/**
 * A topic declared in conf/topics.conf, with the line that declared it (for messages).
 *
 * @param replicationFactor the line's replication.factor; empty: the node's default.replication.factor
 *        (1 on the single node, 3 on the cluster), so one topics file serves both profiles
 * @param origin where it was declared, e.g. "conf/topics.conf:7"
 */
public record TopicSpec(String name, int partitions, Optional<Short> replicationFactor, Map<String, String> configs,
        String origin) {
    public TopicSpec {
        configs = Collections.unmodifiableMap(configs);
    }
}
