package io.aqstream.consumer;

import io.aqstream.common.metrics.Metric;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * What {@code bin/consume --metrics-port} serves. The poll thread publishes an immutable {@link Figures}
 * after every poll (the Kafka consumer is not thread-safe, so the lag is computed there); the metrics
 * server's thread only formats the last one.
 */
final class ConsumeMetrics {
    /** This run's figures at one moment; {@code lag}: partition → records not yet read, for assigned partitions. */
    record Figures(long rowsWritten, long rowsInFiles, long filesWritten, long rejected, long commitFailures,
            SortedMap<Integer, Long> lag) {
        static final Figures NONE = new Figures(0, 0, 0, 0, 0, Collections.emptySortedMap());
    }

    private ConsumeMetrics() {
    }

    static List<Metric> of(Figures f, String topic, String group) {
        String[] l = {"topic", topic, "group", group};
        List<Metric> m = new ArrayList<>(List.of(
                Metric.counter("aq_consumer_rows_written_total",
                        "Rows in Parquet files this run finished and made visible (committed).", f.rowsWritten(), l),
                Metric.gauge("aq_consumer_rows_in_open_files",
                        "Rows accepted into files that are still open (not yet visible).",
                        Math.max(0, f.rowsInFiles() - f.rowsWritten()), l),
                Metric.counter("aq_consumer_files_written_total", "Parquet files this run made visible.",
                        f.filesWritten(), l),
                Metric.counter("aq_consumer_rejected_total",
                        "Messages that broke the JSON contract, sent to the dead-letter topic.", f.rejected(), l),
                Metric.counter("aq_consumer_commit_errors_total",
                        "Offset commits that failed (harmless: the file names say where to resume).",
                        f.commitFailures(), l)));
        for (Map.Entry<Integer, Long> e : f.lag().entrySet()) {
            m.add(Metric.gauge("aq_consumer_lag",
                    "Committed records not yet read, per assigned partition (from the last fetch).", e.getValue(),
                    "topic", topic, "group", group, "partition", Integer.toString(e.getKey())));
        }
        return m;
    }
}
