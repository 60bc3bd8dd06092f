package io.aqstream.common.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {
    @Test
    void countersAndGaugesWithHelpTypeAndLabels() {
        String text = PrometheusText.format(List.of(
                Metric.counter("aq_rows_total", "Rows sent.", 9357, "topic", "air-quality-data"),
                Metric.gauge("aq_lag", "Records not yet read.", 0, "partition", "0"),
                Metric.gauge("aq_lag", "Records not yet read.", 12, "partition", "1"),
                Metric.gauge("aq_up", "Always 1.", 1),
                Metric.gauge("aq_uptime_seconds", "Seconds since start.", 1.5)));
        assertEquals("# HELP aq_rows_total Rows sent.\n"
                + "# TYPE aq_rows_total counter\n"
                + "aq_rows_total{topic=\"air-quality-data\"} 9357\n"
                + "# HELP aq_lag Records not yet read.\n"
                + "# TYPE aq_lag gauge\n"
                + "aq_lag{partition=\"0\"} 0\n"
                + "aq_lag{partition=\"1\"} 12\n"
                + "# HELP aq_up Always 1.\n"
                + "# TYPE aq_up gauge\n"
                + "aq_up 1\n"
                + "# HELP aq_uptime_seconds Seconds since start.\n"
                + "# TYPE aq_uptime_seconds gauge\n"
                + "aq_uptime_seconds 1.5\n", text);
    }

    @Test
    void labelValuesEscapeBackslashQuoteAndNewline() {
        Metric m = Metric.counter("x_total", "h", 1, "replay_id", "a\\b\"c\nd", "topic", "t");
        assertEquals("x_total{replay_id=\"a\\\\b\\\"c\\nd\",topic=\"t\"} 1", PrometheusText.sample(m));
    }

    @Test
    void helpEscapesBackslashAndNewlineButNotQuotes() {
        String text = PrometheusText.format(List.of(Metric.gauge("g", "a \"b\" c\\d\ne", 2)));
        assertEquals("# HELP g a \"b\" c\\\\d\\ne\n# TYPE g gauge\ng 2\n", text);
    }

    @Test
    void specialValues() {
        assertEquals("NaN", PrometheusText.value(Double.NaN));
        assertEquals("+Inf", PrometheusText.value(Double.POSITIVE_INFINITY));
        assertEquals("-Inf", PrometheusText.value(Double.NEGATIVE_INFINITY));
        assertEquals("-3", PrometheusText.value(-3));
        assertEquals("0.25", PrometheusText.value(0.25));
        assertEquals("1.0E20", PrometheusText.value(1e20));
    }

    @Test
    void invalidNamesAndSplitOrConflictingSamplesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Metric.gauge("1bad", "h", 1));
        assertThrows(IllegalArgumentException.class, () -> Metric.gauge("aq-lag", "h", 1));
        assertThrows(IllegalArgumentException.class, () -> Metric.gauge("g", "h", 1, "bad-label", "v"));
        assertThrows(IllegalArgumentException.class, () -> Metric.gauge("g", "h", 1, "__reserved", "v"));
        assertThrows(IllegalArgumentException.class, () -> Metric.gauge("g", "h", 1, "odd"));
        assertThrows(IllegalArgumentException.class, () -> PrometheusText.format(List.of(
                Metric.gauge("a", "h", 1), Metric.gauge("b", "h", 1), Metric.gauge("a", "h", 2))));
        assertThrows(IllegalArgumentException.class, () -> PrometheusText.format(List.of(
                Metric.gauge("a", "h", 1, "l", "1"), Metric.counter("a", "h", 1, "l", "2"))));
    }

    @Test
    void emptyListIsAnEmptyBody() {
        assertEquals("", PrometheusText.format(List.of()));
    }
}
