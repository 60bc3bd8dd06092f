package io.aqstream.kraft;

import java.util.Collections;
import java.util.Map;

/** A topic declared in conf/topics.conf, with the line that declared it (for messages). */
public final class TopicSpec {
    private final String name;
    private final int partitions;
    private final short replicationFactor;
    private final Map<String, String> configs;
    private final String origin;

    public TopicSpec(String name, int partitions, short replicationFactor, Map<String, String> configs, String origin) {
        this.name = name;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
        this.configs = Collections.unmodifiableMap(configs);
        this.origin = origin;
    }

    public String name() {
        return name;
    }

    public int partitions() {
        return partitions;
    }

    public short replicationFactor() {
        return replicationFactor;
    }

    public Map<String, String> configs() {
        return configs;
    }

    /** "conf/topics.conf:7" */
    public String origin() {
        return origin;
    }
}
