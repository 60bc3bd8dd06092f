package io.aqstream.producer.replay;

import io.aqstream.common.metrics.Metric;
import java.util.List;

/** What {@code bin/produce --metrics-port} serves: this run's counters, labelled with replay id and topic. */
public final class ReplayMetrics {
    private ReplayMetrics() {
    }

    /** The samples of the last published snapshot; runs on the metrics server's thread. */
    public static List<Metric> of(ReplayStats stats, String replayId, String topic) {
        ReplayStats.Snapshot s = stats.snapshot();
        String[] l = {"replay_id", replayId, "topic", topic};
        return List.of(
                Metric.counter("aq_producer_rows_read_total",
                        "Non-empty CSV data rows read in this run (sent + rejected).", s.rowsRead(), l),
                Metric.counter("aq_producer_rows_sent_total",
                        "Rows sent to the topic in this run (visible to read_committed readers once committed).",
                        s.rowsSent(), l),
                Metric.counter("aq_producer_rows_rejected_total",
                        "Rows not in the UCI format, skipped or sent to the dead-letter topic (--on-error).",
                        s.rowsRejected(), l),
                Metric.counter("aq_producer_dead_letter_total",
                        "Rejected rows sent to the dead-letter topic (--on-error dlq).", s.rowsToDeadLetter(), l),
                Metric.counter("aq_producer_empty_rows_total", "Empty ;;;; rows skipped in this run.",
                        s.emptyRows(), l),
                Metric.counter("aq_producer_transactions_total", "Kafka transactions committed in this run.",
                        s.transactions(), l),
                Metric.gauge("aq_producer_committed_line",
                        "Last CSV line (1 = the header) whose outcome is committed: a rerun continues after it.",
                        s.committedLine(), l));
    }
}
