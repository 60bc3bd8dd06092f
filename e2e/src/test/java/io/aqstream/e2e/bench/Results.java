package io.aqstream.e2e.bench;

import java.util.Arrays;
import java.util.List;

/** What the phases measured, handed to {@link EndToEndSection}. */
final class Results {
    private Results() {
    }

    /**
     * One throughput round: seconds of each stage alone and of the pipeline, and peak RSS (MB) of the
     * largest process of each kind during the pipeline run.
     */
    record Throughput(long rows, double producerSeconds, double consumerSeconds, double pipelineSeconds,
            long nodeMb, long producerMb, long consumerMb, int files) {
        double slowerStageSeconds() {
            return Math.max(producerSeconds, consumerSeconds);
        }

        /** 1 = the pipeline takes no longer than its slower stage alone; slower/(sum) = no overlap at all. */
        double overlap() {
            return slowerStageSeconds() / pipelineSeconds;
        }
    }

    /**
     * Commit-to-visible latencies (ms, sorted) of the measured rows, how many rows were left out (warm-up,
     * or a commit no scrape saw), the median error bound, and the set-up.
     */
    record Latency(long[] sortedMs, long warmupRows, long unobservedRows, double medianErrorMs, long duplicates,
            int perStationRate, int stations, long speed, long commitWindows, long scrapes, double scrapeP50Ms, double scrapeP99Ms, long nodeMb,
            long producerMb, long consumerMb) {
        long percentile(int p) {
            if (sortedMs.length == 0) {
                return -1;
            }
            return sortedMs[Math.min(sortedMs.length - 1, Math.max(0, (int) Math.ceil(p / 100.0 * sortedMs.length) - 1))];
        }

        long max() {
            return sortedMs.length == 0 ? -1 : sortedMs[sortedMs.length - 1];
        }
    }

    /** Peak RSS (MB) of each kind of process once {@code percent}% of the big replay's rows were visible. */
    record Milestone(int percent, double seconds, long nodeMb, long producerMb, long consumerMb) {
    }

    record BigReplay(long rows, long rowsSent, long rowsInParquet, int files, double seconds,
            List<Milestone> milestones) {
        boolean verified() {
            return rows == rowsSent && rowsSent == rowsInParquet;
        }
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
