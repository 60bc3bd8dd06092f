package io.aqstream.reliability;

import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/** The figures of one fault-injection run and whether the output is exactly once. */
record Verdict(FaultPlan plan, KillLog kills, long runMillis, long rowsInFilesWhenProducersFinished, Reconciliation topic, long undecodableRecords,
        Map<TopicPartition, Long> heldBackByOpenTransactions, Reconciliation files, long filePositionDisagreements,
        int parquetFiles, int leftoverHiddenFiles, int producerRuns, int consumerRuns) {

    boolean passed() {
        return topic.exactlyOnce() && files.exactlyOnce() && undecodableRecords == 0
                && heldBackByOpenTransactions.isEmpty() && filePositionDisagreements == 0 && leftoverHiddenFiles == 0
                && !kills.finalConsumerFailed;
    }

    String summary() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "rows: %,d (%d stations x %,d hours), replay paced to %d s,"
                + " run took %.0f s%n", plan.rows(), plan.stations(), plan.hoursPerStation(), plan.replaySeconds(),
                runMillis / 1000.0));
        s.append(String.format(Locale.ROOT, "kills: consumer %d (%d while starting, %d while a file was in"
                + " progress), producer %d, node %d, two nodes together %d; runs: producer %d, consumer %d%n", kills.consumerKills,
                kills.consumerKillsStarting, kills.consumerKillsMidFile,
                kills.producerKills, kills.nodeKills, kills.twoDownEpisodes, producerRuns, consumerRuns));
        s.append("node ready again after SIGKILL (ms, per kill): ").append(kills.nodeRestartMillis)
                .append(System.lineSeparator());
        s.append("producer runs that printed the write-stall warning: ").append(kills.producerRunsThatWarned)
                .append(System.lineSeparator());
        s.append("exits nobody asked for: ").append(kills.unplannedExits.isEmpty() ? "none" : kills.unplannedExits)
                .append(System.lineSeparator());
        s.append(String.format(Locale.ROOT, "rows in Parquet files when the last producer finished: %,d"
                + " (the rest written by the final consumer)%n", rowsInFilesWhenProducersFinished));
        s.append(topic.summary()).append(System.lineSeparator());
        s.append(String.format(Locale.ROOT, "topic records that are not valid JSON readings: %d; partitions held"
                + " back by an open transaction: %s%n", undecodableRecords,
                heldBackByOpenTransactions.isEmpty() ? "none" : heldBackByOpenTransactions));
        s.append(files.summary()).append(System.lineSeparator());
        s.append(String.format(Locale.ROOT, "%,d Parquet files; file rows whose Kafka position holds another"
                + " reading in the topic: %d; leftover in-progress files: %d%n", parquetFiles,
                filePositionDisagreements, leftoverHiddenFiles));
        s.append("verdict: ").append(passed() ? "PASSED: every row exactly once in the topic and in the files"
                : "FAILED").append(System.lineSeparator());
        return s.toString();
    }
}
