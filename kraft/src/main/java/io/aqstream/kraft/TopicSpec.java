package io.aqstream.kraft;

import java.util.Collections;
import java.util.Map;

/**
 * A topic declared in conf/topics.conf, with the line that declared it (for messages).
 *
 * @param origin where it was declared, e.g. "conf/topics.conf:7"
 */
public record TopicSpec(String name, int partitions, short replicationFactor, Map<String, String> configs,
        String origin) {
    public TopicSpec {
        configs = Collections.unmodifiableMap(configs);
    }
}
