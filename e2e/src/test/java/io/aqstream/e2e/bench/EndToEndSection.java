package io.aqstream.e2e.bench;

import io.aqstream.benchkit.MachineInfo;
import io.aqstream.benchkit.MarkdownSection;
import io.aqstream.testkit.RepoFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** The "end-to-end" section of docs/benchmarks.md, rewritten only through {@link MarkdownSection}. */
final class EndToEndSection {
    static final String NAME = "end-to-end";
    private static final String RERUN = "bench/end-to-end";

    private EndToEndSection() {
    }

    /** Writes the section that says the figures are still to be measured (no figures from a smoke run). */
    public static void main(String[] args) throws IOException {
        MarkdownSection.replace(RepoFiles.root().resolve("docs/benchmarks.md"), NAME, "## End to end\n\n"
                + "Not measured yet: run `" + RERUN + "` (about 15 to 20 minutes on 2 cores; it rewrites this section"
                + " with throughput CSV → rows visible in processed_data/, commit-to-visible latency p50/p99, peak RSS of"
                + " node, producer and consumer, and a 10,000,000-row replay showing memory stays flat).\n");
    }

    static void write(Path doc, BenchSizes sizes, List<Results.Throughput> rounds, Results.Latency latency,
            Results.BigReplay big, String loadBefore, String loadAfter) throws IOException {
        StringBuilder s = new StringBuilder();
        s.append("## End to end\n\n");
        s.append("Measured with `").append(RERUN).append("` on ")
                .append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")))
                .append(": ").append(Runtime.getRuntime().availableProcessors()).append(" cores (")
                .append(MachineInfo.cpuModel()).append("), ").append(MachineInfo.totalMemoryGiB()).append(" GiB RAM, Java ")
                .append(System.getProperty("java.version")).append(", Kafka 4.4.0, all processes on the same machine.")
                .append(" Load average (1/5/15 min) ").append(loadBefore).append(" before and ").append(loadAfter)
                .append(" after.\n\n");
        s.append("Every part is a real process running the real main, as a user runs it: a KRaft node of the")
                .append(" benchmark's own (bin/start-kraft's launcher on free ports, run as the tests run it: -Xmx384m and the")
                .append(" serial collector, where bin/start-kraft uses -Xmx512m and the default one), one bin/produce")
                .append(" JVM (`io.aqstream.producer.ProduceCommand`, -Xmx256m and the default garbage collector, as")
                .append(" bin/produce) per station file and one bin/consume JVM (`io.aqstream.consumer.ConsumeCommand`,")
                .append(" with conf/jvm/consume.options, as bin/consume). Input: ").append(sizes.stations()).append(" station files written by the project's")
                .append(" generator (`bin/generate --stations ").append(sizes.stations()).append(" --seed 42`), topics of 3")
                .append(" partitions. The producers of a run are started **together**, one per station file: that is how")
                .append(" a user with several stations replays them (the UCI format has no station column, so one file and")
                .append(" one bin/produce per station), and it makes the producers' JVM start-up and their transactions")
                .append(" overlap as they would; it also means they share the cores with each other, the node and the")
                .append(" consumer. Rows become visible when the consumer renames a finished Parquet file into")
                .append(" `processed_data/<topic>/`; the benchmark counts them from the files' footers")
                .append(" (parquet-hadoop's `ParquetFileReader`, none of the consumer's code).\n\n");

        appendThroughput(s, sizes, rounds);
        appendLatency(s, sizes, latency);
        appendRss(s, rounds, latency, big);
        appendBig(s, sizes, big);

        s.append("Rerun: `").append(RERUN).append("` (sizes through `BENCH_E2E_OPTS`, e.g. `BENCH_E2E_OPTS=\"")
                .append(sizes.asOptions()).append("\" ").append(RERUN).append("`; `-Dbench.bigRows=0` skips the big")
                .append(" replay). Scratch files, the consumers' and producers' output and the big replay's RSS samples")
                .append(" (`big-rss.csv`, one line a second) are in bench/out/end-to-end. Absolute rates vary with whatever")
                .append(" else runs on the machine (see the load average above); each ratio is measured back to back in one")
                .append(" round.\n");
        MarkdownSection.replace(doc, NAME, s.toString());
    }

    private static void appendThroughput(StringBuilder s, BenchSizes sizes, List<Results.Throughput> rounds) {
        long rows = rounds.get(0).rows();
        s.append("### Throughput: CSV to rows visible in processed_data/\n\n");
        s.append(String.format(Locale.ROOT, "%,d rows (%,d per station), bin/produce `--speed max --batch-size %d`,"
                + " bin/consume with its default roll limits and `--idle-flush 1` (so the last rows do not wait the default"
                + " 5 s). Each round, back to back: **producers alone** into an empty topic (from starting them to the last"
                + " one exiting, JVM start-up included), then a **consumer alone** draining that full topic (from having its"
                + " partitions to the last row visible; JVM start and group join left out), then the **pipeline**: a consumer"
                + " that already has its partitions, then the producers into a fresh topic, from starting the producers to"
                + " the last row visible. **Overlap** = slower stage alone / pipeline: 1.00 means the pipeline takes no longer"
                + " than its slower stage alone (the stages fully overlap); the *no-overlap* column is what the ratio would be"
                + " if the stages ran one after the other (slower / (producers + consumer)). %d rounds, medians in the last"
                + " row.%n%n", rows, rows / sizes.stations(), sizes.batchSize(), rounds.size()));
        s.append("| round | producers alone | consumer alone | pipeline | pipeline rows/s | overlap | no-overlap |\n");
        s.append("| --- | --- | --- | --- | --- | --- | --- |\n");
        int i = 1;
        for (Results.Throughput r : rounds) {
            s.append(String.format(Locale.ROOT, "| %d | %.1f s (%,.0f rows/s) | %.1f s (%,.0f rows/s) | %.1f s | %,.0f | %.2f | %.2f |%n",
                    i++, r.producerSeconds(), rows / r.producerSeconds(), r.consumerSeconds(), rows / r.consumerSeconds(),
                    r.pipelineSeconds(), rows / r.pipelineSeconds(), r.overlap(),
                    r.slowerStageSeconds() / (r.producerSeconds() + r.consumerSeconds())));
        }
        double p = median(rounds, Results.Throughput::producerSeconds);
        double c = median(rounds, Results.Throughput::consumerSeconds);
        double pipe = median(rounds, Results.Throughput::pipelineSeconds);
        s.append(String.format(Locale.ROOT, "| **median** | %.1f s (%,.0f rows/s) | %.1f s (%,.0f rows/s) | %.1f s | **%,.0f** | **%.2f** | %.2f |%n%n",
                p, rows / p, c, rows / c, pipe, rows / pipe, median(rounds, Results.Throughput::overlap),
                median(rounds, r -> r.slowerStageSeconds() / (r.producerSeconds() + r.consumerSeconds()))));
    }

    private static void appendLatency(StringBuilder s, BenchSizes sizes, Results.Latency l) {
        s.append("### Latency: producer commit to row visible\n\n");
        s.append(String.format(Locale.ROOT, "%d bin/produce at `--speed %d` (%d rows/s each, %d rows/s in all; the data is"
                + " hourly, so --speed 3600 is one row a second) with the default `--batch-size 100`: while pacing, a"
                + " transaction stays open at most about 1 s, so each producer commits about once a second. bin/consume runs"
                + " with `--roll-interval 1 --idle-flush 1` (the smallest values; the defaults are 60 and 5). %d s of rows,"
                + " the first %d s per station (%,d rows: JVM start, first transactions) left out.%n%n",
                l.stations(), l.speed(), l.perStationRate(), l.perStationRate() * l.stations(),
                sizes.warmupSeconds() + sizes.seconds(), sizes.warmupSeconds(), l.warmupRows()));
        s.append("How it is measured, since the producer's `commitTransaction()` runs in another JVM and cannot be")
                .append(" hooked: the benchmark scrapes every producer's `--metrics-port` every ").append(sizes.intervalMs())
                .append(" ms (Prometheus text, one thread and one keep-alive connection per producer) for `aq_producer_committed_line`, which")
                .append(" bin/produce publishes right after `commitTransaction()` returns. When the gauge moves from line A to")
                .append(" B, lines A+1..B were committed between the previous scrape being sent and this one being answered.")
                .append(" In the same JVM and on the same clock (System.nanoTime), a watcher lists the output folder every ")
                .append(sizes.intervalMs()).append(" ms and reads each new file's rows (station and timestamp give the CSV")
                .append(" line); a row became visible between the previous listing and this one. Latency = midpoint of the")
                .append(" visibility window − midpoint of the commit window, per row. The record timestamps were not used:")
                .append(" CreateTime is set at send(), up to a second before the commit here, and the Parquet rows do not")
                .append(" carry it. Resolution: a row's latency is off by at most half its commit window plus half its")
                .append(String.format(Locale.ROOT, " visibility window, a bound whose median was ±%.0f ms in this run",
                        l.medianErrorMs()))
                .append(String.format(Locale.ROOT, " (%,d scrapes, round trip p50 %.1f ms, p99 %.1f ms: a busy"
                        + " machine widens the windows).", l.scrapes(), l.scrapeP50Ms(), l.scrapeP99Ms()));
        if (l.unobservedRows() > 0) {
            s.append(String.format(Locale.ROOT, " %,d rows are left out because no scrape saw their commit (the"
                    + " producer's last commit right before it exits).", l.unobservedRows()));
        }
        s.append(" Send-to-visible would add the time a row waits in its open transaction, up to about 1 s.\n\n");
        s.append("| rows measured | commits seen | p50 | p99 | max | rows seen twice |\n| --- | --- | --- | --- | --- | --- |\n");
        s.append(String.format(Locale.ROOT, "| %,d | %,d | **%,d ms** | **%,d ms** | %,d ms | %d |%n%n", l.sortedMs().length,
                l.commitWindows(), l.percentile(50), l.percentile(99), l.max(), l.duplicates()));
    }

    private static void appendRss(StringBuilder s, List<Results.Throughput> rounds, Results.Latency l,
            Results.BigReplay big) {
        s.append("### Peak RSS\n\n");
        s.append("VmHWM from /proc/PID/status, read every 100 ms; for the producers, the largest of them (each is its own")
                .append(" JVM). The node's figure is its peak since it started (the big replay has a fresh node).\n\n");
        s.append("| run | node | producer | consumer |\n| --- | --- | --- | --- |\n");
        s.append(String.format(Locale.ROOT, "| throughput pipeline (largest of %d round(s)) | %,d MB | %,d MB | %,d MB |%n",
                rounds.size(), rounds.stream().mapToLong(Results.Throughput::nodeMb).max().orElse(0),
                rounds.stream().mapToLong(Results.Throughput::producerMb).max().orElse(0),
                rounds.stream().mapToLong(Results.Throughput::consumerMb).max().orElse(0)));
        s.append(String.format(Locale.ROOT, "| latency (paced) | %,d MB | %,d MB | %,d MB |%n", l.nodeMb(), l.producerMb(),
                l.consumerMb()));
        if (big != null && !big.milestones().isEmpty()) {
            Results.Milestone last = big.milestones().get(big.milestones().size() - 1);
            s.append(String.format(Locale.ROOT, "| big replay (%,d rows) | %,d MB | %,d MB | %,d MB |%n", big.rows(),
                    last.nodeMb(), last.producerMb(), last.consumerMb()));
        }
        s.append('\n');
    }

    private static void appendBig(StringBuilder s, BenchSizes sizes, Results.BigReplay big) {
        s.append("### Flat memory on a big replay\n\n");
        if (big == null) {
            s.append("Not run (`-Dbench.bigRows=0`).\n\n");
            return;
        }
        s.append(String.format(Locale.ROOT, "%,d generated rows (%d stations × %,d hours) replayed end to end on a fresh node:"
                + " bin/produce `--speed max --batch-size %,d` (a large batch keeps it to minutes rather than hours: each"
                + " transaction commits %,d rows instead of 100), bin/consume with default roll limits and `--idle-flush 1`."
                + " Peak RSS (VmHWM) of each kind of process once 10%%, 50%% and 100%% of the rows were visible: memory is"
                + " flat when the last columns barely move while the rows grow tenfold.%n%n", big.rows(), sizes.stations(),
                big.rows() / sizes.stations(), sizes.bigBatchSize(), sizes.bigBatchSize()));
        s.append("| rows visible | after | node | producer | consumer |\n| --- | --- | --- | --- | --- |\n");
        for (Results.Milestone m : big.milestones()) {
            s.append(String.format(Locale.ROOT, "| %d%% (%,d) | %.0f s | %,d MB | %,d MB | %,d MB |%n", m.percent(),
                    big.rows() * m.percent() / 100, m.seconds(), m.nodeMb(), m.producerMb(), m.consumerMb()));
        }
        List<Results.Milestone> ms = big.milestones();
        if (ms.size() >= 2) {
            Results.Milestone first = ms.get(0);
            Results.Milestone last = ms.get(ms.size() - 1);
            // A peak can rise without a leak: a JVM grows its heap toward its -Xmx cap when it needs to; a
            // per-row leak would instead end, long before 10M rows, in an OutOfMemoryError.
            s.append(String.format(Locale.ROOT, "%nFrom %d%% to %d%% of the rows the peaks moved by node %+d MB,"
                    + " producer %+d MB, consumer %+d MB. Every process runs with a fixed heap cap (producers -Xmx256m,"
                    + " consumer and node -Xmx384m), so the JVM can grow its heap toward the cap but a memory that grew"
                    + " with the rows would have ended in an OutOfMemoryError instead of the whole replay finishing.%n",
                    first.percent(), last.percent(), last.nodeMb() - first.nodeMb(),
                    last.producerMb() - first.producerMb(), last.consumerMb() - first.consumerMb()));
        }
        s.append(String.format(Locale.ROOT, "%nTotal: %,d rows visible in %.0f s, **%,.0f rows/s** end to end, in %,d files."
                + " Check: the producers reported %,d rows sent and the Parquet footers hold %,d rows (recounted after the"
                + " consumer stopped): **%s**.%n%n", big.rows(), big.seconds(), big.rows() / big.seconds(), big.files(),
                big.rowsSent(), big.rowsInParquet(), big.verified() ? "equal" : "NOT equal"));
    }

    private static double median(List<Results.Throughput> rounds, ToDoubleFunction<Results.Throughput> f) {
        return Results.median(rounds.stream().mapToDouble(f).toArray());
    }
}
