package io.aqstream.common.metrics;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Prometheus text exposition format, version 0.0.4: per metric name one {@code # HELP} and one
 * {@code # TYPE} line, then its samples {@code name{label="value"} value}, one per line, ending with a
 * line feed. Label values escape backslash, double quote and line feed; help texts escape backslash and
 * line feed.
 */
public final class PrometheusText {
    /** The content type Prometheus expects for this format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private PrometheusText() {
    }

    /**
     * Formats samples; samples of one name should be adjacent (HELP and TYPE are written at the first one).
     *
     * @throws IllegalArgumentException when one name is given two types
     */
    public static String format(List<Metric> metrics) {
        StringBuilder text = new StringBuilder(64 * metrics.size() + 16);
        Set<String> described = new HashSet<>();
        Metric previous = null;
        for (Metric m : metrics) {
            if (previous == null || !previous.name().equals(m.name())) {
                if (!described.add(m.name())) {
                    throw new IllegalArgumentException("samples of " + m.name() + " are not adjacent");
                }
                text.append("# HELP ").append(m.name()).append(' ').append(escapeHelp(m.help())).append('\n');
                text.append("# TYPE ").append(m.name()).append(' ').append(m.type().text()).append('\n');
            } else if (previous.type() != m.type()) {
                throw new IllegalArgumentException(m.name() + " is both a " + previous.type().text() + " and a "
                        + m.type().text());
            }
            text.append(sample(m)).append('\n');
            previous = m;
        }
        return text.toString();
    }

    /** One sample line, without its line feed. */
    static String sample(Metric m) {
        StringBuilder line = new StringBuilder(m.name());
        if (!m.labels().isEmpty()) {
            line.append('{');
            boolean first = true;
            for (Map.Entry<String, String> label : m.labels().entrySet()) {
                if (!first) {
                    line.append(',');
                }
                first = false;
                line.append(label.getKey()).append("=\"").append(escapeLabelValue(label.getValue())).append('"');
            }
            line.append('}');
        }
        return line.append(' ').append(value(m.value())).toString();
    }

    /** Integral values without a fraction (counts read better as 9357 than 9357.0); NaN and infinities as Go spells them. */
    static String value(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    static String escapeLabelValue(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    static String escapeHelp(String s) {
        return s.replace("\\", "\\\\").replace("\n", "\\n");
    }
}
