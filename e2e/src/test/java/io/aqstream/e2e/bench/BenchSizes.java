package io.aqstream.e2e.bench;

/**
 * The benchmark's sizes, from -D properties so that a smoke run can be tiny. Defaults: the full run.
 *
 * @param stations station files, one bin/produce each (bench.stations, 4)
 * @param rows rows of each throughput run, all stations together (bench.rows, 500,000)
 * @param batchSize bin/produce --batch-size in the throughput runs (bench.batch, 100: its default)
 * @param repeats throughput runs (bench.repeats, 3; medians reported)
 * @param rate latency: rows/s of all producers together (bench.rate, 200)
 * @param seconds latency: seconds measured (bench.seconds, 30)
 * @param warmupSeconds latency: seconds of rows replayed first and left out (bench.warmup, 5)
 * @param intervalMs latency: how often the commit and visibility clocks look (bench.intervalMs, 20)
 * @param bigRows big replay rows, 0 to skip it (bench.bigRows, 10,000,000)
 * @param bigBatchSize big replay --batch-size (bench.bigBatch, 10,000)
 * @param doc the Markdown file whose "end-to-end" section is rewritten (bench.doc, docs/benchmarks.md)
 */
record BenchSizes(int stations, long rows, int batchSize, int repeats, int rate, int seconds, int warmupSeconds,
        long intervalMs, long bigRows, int bigBatchSize, String doc) {

    static BenchSizes fromSystemProperties() {
        BenchSizes s = new BenchSizes(Integer.getInteger("bench.stations", 4), Long.getLong("bench.rows", 500_000),
                Integer.getInteger("bench.batch", 100), Integer.getInteger("bench.repeats", 3),
                Integer.getInteger("bench.rate", 200), Integer.getInteger("bench.seconds", 30),
                Integer.getInteger("bench.warmup", 5), Long.getLong("bench.intervalMs", 20),
                Long.getLong("bench.bigRows", 10_000_000), Integer.getInteger("bench.bigBatch", 10_000),
                System.getProperty("bench.doc", "docs/benchmarks.md"));
        if (s.stations < 1 || s.rows < s.stations || s.repeats < 1 || s.rate < s.stations || s.seconds < 1
                || s.warmupSeconds < 0 || s.intervalMs < 1 || s.bigRows < 0 || s.batchSize < 1 || s.bigBatchSize < 1) {
            throw new IllegalArgumentException("bad sizes: " + s);
        }
        return s;
    }

    /** The -D options that reproduce these sizes. */
    String asOptions() {
        return String.format(java.util.Locale.ROOT, "-Dbench.stations=%d -Dbench.rows=%d -Dbench.batch=%d -Dbench.repeats=%d"
                + " -Dbench.rate=%d -Dbench.seconds=%d -Dbench.warmup=%d -Dbench.intervalMs=%d -Dbench.bigRows=%d"
                + " -Dbench.bigBatch=%d", stations, rows, batchSize, repeats, rate, seconds, warmupSeconds, intervalMs,
                bigRows, bigBatchSize);
    }
}
