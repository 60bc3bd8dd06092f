package io.aqstream.common.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One sample of the Prometheus text format: a metric name, its type and help text, labels, and a value.
 * Samples of one name with different labels share their {@code # HELP} and {@code # TYPE} lines
 * (see {@link PrometheusText}).
 */
public final class Metric {
    /** The two types aq-stream exposes. */
    public enum Type {
        /** Only goes up (resets when the process restarts); names end in {@code _total}. */
        COUNTER,
        /** Goes up and down. */
        GAUGE;

        String text() {
            return this == COUNTER ? "counter" : "gauge";
        }
    }

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private final String name;
    private final Type type;
    private final String help;
    private final Map<String, String> labels;
    private final double value;

    private Metric(String name, Type type, String help, Map<String, String> labels, double value) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a Prometheus metric name: " + name);
        }
        for (String label : labels.keySet()) {
            if (!LABEL.matcher(label).matches() || label.startsWith("__")) {
                throw new IllegalArgumentException("not a Prometheus label name: " + label);
            }
        }
        this.name = name;
        this.type = Objects.requireNonNull(type);
        this.help = Objects.requireNonNull(help);
        this.labels = labels;
        this.value = value;
    }

    /**
     * A counter sample.
     *
     * @param labels label names and values, alternating: {@code "topic", "air-quality-data", "partition", "0"}
     */
    public static Metric counter(String name, String help, double value, String... labels) {
        return new Metric(name, Type.COUNTER, help, labelMap(labels), value);
    }

    /** A gauge sample; labels as in {@link #counter}. */
    public static Metric gauge(String name, String help, double value, String... labels) {
        return new Metric(name, Type.GAUGE, help, labelMap(labels), value);
    }

    private static Map<String, String> labelMap(String... pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("labels come in name, value pairs");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], Objects.requireNonNull(pairs[i + 1], pairs[i]));
        }
        return Collections.unmodifiableMap(map);
    }

    public String name() {
        return name;
    }

    public Type type() {
        return type;
    }

    public String help() {
        return help;
    }

    /** Label names to values, in the order given. */
    public Map<String, String> labels() {
        return labels;
    }

    public double value() {
        return value;
    }

    @Override
    public String toString() {
        return PrometheusText.sample(this);
    }
}
