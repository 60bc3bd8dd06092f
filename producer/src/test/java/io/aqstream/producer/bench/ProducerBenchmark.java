package io.aqstream.producer.bench;

import io.aqstream.benchkit.MachineInfo;
import io.aqstream.benchkit.MarkdownSection;
import io.aqstream.producer.ProduceCommand;
import io.aqstream.producer.generate.CsvGenerator;
import io.aqstream.testkit.JavaProcess;
import io.aqstream.testkit.KraftTestNode;
import io.aqstream.testkit.RepoFiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * bench/producer: a full-speed replay of generated rows with bin/produce's main (a child JVM, as a user
 * runs it) against four references in the same run against the same node: the plain transactional
 * KafkaProducer loop a user would write (Kafka's default batching, no headers; issue 16's reference), the
 * same loop plus bin/produce's checkpoint record per transaction (what the exactly-once contract costs), a
 * plain loop with the same settings (acks=all, idempotence, gzip, same batch commits, same producer
 * configuration) sending the same records, all three pre-built in memory ({@link PlainLoop}); and Kafka's
 * own ProducerPerformance on the same values ({@link KafkaProducerPerformance}). All run in fresh JVMs
 * (same JIT warm-up), interleaved; each figure is the median of the repeats, the replay's records/s as a
 * ratio to each reference's. Writes the "Producer" section of docs/benchmarks.md.
 *
 * <p>Args: BATCH:ROWS pairs (default {@code 100:200000 10000:1000000}); -Dbench.repeats=N (default 3);
 * -Dbench.kafkaPerfClasspathFile=FILE (written by bench/producer; without it ProducerPerformance is skipped);
 * -Dbench.replayBefore=DIR (the producer module's classes built from another commit: that bin/produce runs too,
 * interleaved, for a before/after in the same run and the same conditions; -Dbench.replayBeforeLabel=TEXT names
 * that build in the doc, e.g. its commit).
 */
public final class ProducerBenchmark {
    private static final Pattern ELAPSED = Pattern.compile("elapsed:\\s+([0-9.]+) s");
    private static final Pattern SENT = Pattern.compile("rows sent:\\s+(\\d+)");

    public static void main(String[] args) throws Exception {
        // BATCH:ROWS pairs. Batch 100 commits ~100 transactions per 10k rows; at ~10k records/s on 2 shared
        // cores, 1M rows would take ~3 minutes per run, so it runs on fewer rows by default.
        List<long[]> plan = new ArrayList<>();
        for (String pair : (args.length > 0 ? String.join(" ", args) : "100:200000 10000:1000000").split("[ ,]+")) {
            String[] br = pair.split(":");
            plan.add(new long[] {Long.parseLong(br[0]), Long.parseLong(br[1])});
        }
        int repeats = Integer.getInteger("bench.repeats", 3);
        String before = System.getProperty("bench.replayBefore");
        List<String> beforeLines = new ArrayList<>();
        KafkaProducerPerformance perf = KafkaProducerPerformance.fromClasspathFile(
                System.getProperty("bench.kafkaPerfClasspathFile"));
        String perfMissing = perf == null ? "kafka-tools 4.3.1 could not be resolved (see bench/out/kafka-perf-build.log)"
                : null;
        String loadBefore = MachineInfo.loadAverage();
        Path root = RepoFiles.root();
        Path work = root.resolve("bench/out/producer");
        Files.createDirectories(work);
        List<String> results = new ArrayList<>();
        List<String> allRuns = new ArrayList<>();
        deleteRecursively(work.resolve("node"));
        try (KraftTestNode node = KraftTestNode.start(work.resolve("node"))) {
            log("node up at " + node.bootstrapServers());
            for (long[] step : plan) {
                int batch = (int) step[0];
                long rows = step[1];
                Path csv = work.resolve("bench-" + rows + ".csv");
                log("generating " + rows + " rows into " + csv);
                generate(csv, rows);
                Path payload = work.resolve("bench-" + rows + ".payload");
                long values = perf == null ? 0 : PayloadFile.write(csv, payload);
                List<Double> loops = new ArrayList<>();
                List<Double> userLoops = new ArrayList<>();
                List<Double> checkpointLoops = new ArrayList<>();
                List<Double> replays = new ArrayList<>();
                List<Long> rssMb = new ArrayList<>();
                List<Double> cpuMs = new ArrayList<>();
                List<Double> replaysBefore = new ArrayList<>();
                List<Double> cpuMsBefore = new ArrayList<>();
                List<Double> perfs = new ArrayList<>();
                List<Long> perfTxnMs = new ArrayList<>();
                List<Double> commitMs = new ArrayList<>();
                // Interleaved and repeated, median of each: the machine is shared, and a burst of someone
                // else's work should hit all five alike and not decide the ratio.
                for (int i = 1; i <= repeats; i++) {
                    LoopRun userRun = plainLoop(node, csv, batch, "bench-user-loop-" + batch + "-" + i, "user");
                    userLoops.add(userRun.recordsPerSecond);
                    log(String.format(Locale.ROOT, "user's loop, batch %d, %d rows, run %d: %.0f records/s", batch, rows,
                            i, userRun.recordsPerSecond));
                    LoopRun checkpointRun = plainLoop(node, csv, batch, "bench-checkpoint-loop-" + batch + "-" + i,
                            "checkpoint");
                    checkpointLoops.add(checkpointRun.recordsPerSecond);
                    log(String.format(Locale.ROOT, "user's loop + checkpoint record, batch %d, %d rows, run %d: %.0f"
                            + " records/s", batch, rows, i, checkpointRun.recordsPerSecond));
                    LoopRun loopRun = plainLoop(node, csv, batch, "bench-loop-" + batch + "-" + i, "same");
                    double loop = loopRun.recordsPerSecond;
                    loops.add(loop);
                    log(String.format(Locale.ROOT, "plain loop, batch %d, %d rows, run %d: %.0f records/s,"
                            + " transactions open %.1f ms and commit %.1f ms on average", batch, rows, i, loop,
                            loopRun.openMsPerTransaction, loopRun.commitMsPerTransaction));
                    Run replay = replay(node, csv, batch, "bench-replay-" + batch + "-" + i, null);
                    replays.add(replay.recordsPerSecond);
                    rssMb.add(replay.peakRssKb / 1024);
                    cpuMs.add(replay.cpuMsPerThousandRows());
                    log(String.format(Locale.ROOT, "bin/produce, batch %d, %d rows, run %d: %.0f records/s,"
                            + " peak RSS %d MB, %.1f CPU ms per 1,000 rows", batch, rows, i, replay.recordsPerSecond,
                            replay.peakRssKb / 1024, replay.cpuMsPerThousandRows()));
                    if (before != null) {
                        Run old = replay(node, csv, batch, "bench-replay-before-" + batch + "-" + i, before);
                        replaysBefore.add(old.recordsPerSecond);
                        cpuMsBefore.add(old.cpuMsPerThousandRows());
                        log(String.format(Locale.ROOT, "bin/produce before, batch %d, %d rows, run %d: %.0f records/s,"
                                + " %.1f CPU ms per 1,000 rows", batch, rows, i, old.recordsPerSecond,
                                old.cpuMsPerThousandRows()));
                    }
                    if (perfMissing == null) {
                        // ProducerPerformance commits by time: the first send after a transaction has been
                        // open this long commits it. Set to how long the loop (just before) kept one open to
                        // send `batch` records, it commits about as often as the other two.
                        long txnMs = Math.max(1, Math.round(loopRun.openMsPerTransaction));
                        try {
                            double rate = perf.run(node.bootstrapServers(), "bench-perf-" + batch + "-" + i, payload,
                                    values, txnMs, work);
                            perfs.add(rate);
                            perfTxnMs.add(txnMs);
                            commitMs.add(loopRun.commitMsPerTransaction);
                            log(String.format(Locale.ROOT, "ProducerPerformance, %d ms transactions, %d rows, run %d:"
                                    + " %.0f records/s", txnMs, rows, i, rate));
                        } catch (IllegalStateException e) {
                            perfMissing = "ProducerPerformance failed: " + firstLine(e.getMessage())
                                    + " (output in bench/out/producer/bench-perf-*.out)";
                            log(perfMissing);
                        }
                    }
                }
                double replay = median(replays);
                double loop = median(loops);
                double userLoop = median(userLoops);
                double checkpointLoop = median(checkpointLoops);
                boolean perfRan = perfMissing == null && !perfs.isEmpty();
                double perfRate = perfRan ? median(perfs) : 0;
                results.add(String.format(Locale.ROOT, "| %,d | %,d | %,.0f | %,.0f | **%.2f** | %,.0f | %.2f | %,.0f | **%.2f** | %s | %s | %.1f | %,d MB |",
                        rows, batch, replay, userLoop, replay / userLoop, checkpointLoop, checkpointLoop / userLoop,
                        loop, replay / loop,
                        perfRan ? String.format(Locale.ROOT, "%,.0f", perfRate) : "(not run)",
                        perfRan ? String.format(Locale.ROOT, "**%.2f**", replay / perfRate) : "-",
                        median(cpuMs), medianLong(rssMb)));
                if (before != null) {
                    beforeLines.add(String.format(Locale.ROOT, "- %,d rows, `--batch-size %d`: before %s records/s and"
                            + " %s CPU ms per 1,000 rows, after %s and %s (the runs above); medians before and after %,.0f and"
                            + " %,.0f records/s (**%.2f** after/before) and %.1f and %.1f CPU ms (**%.2f**)", rows, batch,
                            whole(replaysBefore), tenths(cpuMsBefore), whole(replays), tenths(cpuMs),
                            median(replaysBefore), replay, replay / median(replaysBefore), median(cpuMsBefore),
                            median(cpuMs), median(cpuMs) / median(cpuMsBefore)));
                }
                StringBuilder raw = new StringBuilder();
                raw.append(String.format(Locale.ROOT, "- %,d rows, `--batch-size %d` (%,d transactions): bin/produce %s,"
                        + " user's loop %s, user's loop + checkpoint %s, same-settings loop %s", rows, batch,
                        (rows + batch - 1) / batch, whole(replays), whole(userLoops), whole(checkpointLoops), whole(loops)));
                if (perfRan) {
                    List<Long> txns = new ArrayList<>();
                    for (int i = 0; i < perfs.size(); i++) {
                        // its run time over (open time + a commit as long as the loop's): an estimate
                        txns.add(Math.round(values / perfs.get(i) * 1000 / (perfTxnMs.get(i) + commitMs.get(i))));
                    }
                    raw.append(", ProducerPerformance ").append(whole(perfs)).append(" with `--transaction-duration-ms` ")
                            .append(perfTxnMs).append(" (about ").append(txns).append(" transactions)");
                }
                raw.append("; bin/produce CPU ms per 1,000 rows ").append(tenths(cpuMs));
                raw.append("; bin/produce peak RSS ").append(rssMb).append(" MB.");
                allRuns.add(raw.toString());
                Files.deleteIfExists(payload);
            }
            long[] last = plan.get(plan.size() - 1);
            long fewer = Math.max(1, last[1] / 10);
            Path small = work.resolve("bench-" + fewer + ".csv");
            generate(small, fewer);
            Run smallRun = replay(node, small, (int) last[0], "bench-small", null);
            results.add(String.format(Locale.ROOT, "| %,d | %,d | %,.0f | (not run) | - | (not run) | - | (not run) | - | (not run) | - | %.1f | %,d MB |",
                    fewer, last[0], smallRun.recordsPerSecond, smallRun.cpuMsPerThousandRows(), smallRun.peakRssKb / 1024));
        }
        writeSection(root.resolve("docs/benchmarks.md"), repeats, results, allRuns, before, beforeLines, perfMissing,
                loadBefore, MachineInfo.loadAverage());
        log("wrote docs/benchmarks.md");
    }

    /** The median; of an even count, the mean of the middle two. */
    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static long medianLong(List<Long> values) {
        List<Double> d = new ArrayList<>();
        values.forEach(v -> d.add(v.doubleValue()));
        return Math.round(median(d));
    }

    /** Figures to a tenth, in run order, e.g. [41.2, 39.8]. */
    private static String tenths(List<Double> values) {
        List<String> t = new ArrayList<>();
        values.forEach(v -> t.add(String.format(Locale.ROOT, "%.1f", v)));
        return t.toString();
    }

    /** Rates as whole numbers in run order, e.g. [23941, 22018, 24410]. */
    private static String whole(List<Double> values) {
        List<Long> rounded = new ArrayList<>();
        values.forEach(v -> rounded.add(Math.round(v)));
        return rounded.toString();
    }

    private static String firstLine(String text) {
        String t = text == null ? "" : text.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }

    private static void generate(Path file, long rows) throws IOException {
        try (Writer w = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 18)) {
            new CsvGenerator(42).write(w, 0, LocalDateTime.of(2004, 3, 10, 18, 0), rows, 0);
        }
    }

    private static final class LoopRun {
        double recordsPerSecond;
        double openMsPerTransaction;
        double commitMsPerTransaction;
    }

    /** A baseline in a fresh JVM of its own (see {@link PlainLoop}), with room for the pre-built records. */
    private static LoopRun plainLoop(KraftTestNode node, Path csv, int batch, String topic, String style)
            throws Exception {
        Path out = csv.resolveSibling(topic + ".out");
        // The JVM's defaults, as a user's program runs, with a heap that holds the pre-built records.
        Process p = JavaProcess.asLaunched(PlainLoop.class, csv.resolveSibling("logs"), List.of("-Xmx3g"),
                List.of(csv.toString(), node.bootstrapServers(), topic, String.valueOf(batch), style))
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        p.waitFor();
        String text = Files.readString(out);
        Matcher rate = Pattern.compile("records/s: ([0-9.]+)").matcher(text);
        Matcher open = Pattern.compile("open ms per transaction: ([0-9.]+)").matcher(text);
        Matcher commit = Pattern.compile("commit ms per transaction: ([0-9.]+)").matcher(text);
        if (p.exitValue() != 0 || !rate.find() || !open.find() || !commit.find()) {
            throw new IllegalStateException("the plain loop failed (exit " + p.exitValue() + "):\n" + text);
        }
        LoopRun run = new LoopRun();
        run.recordsPerSecond = Double.parseDouble(rate.group(1));
        run.openMsPerTransaction = Double.parseDouble(open.group(1));
        run.commitMsPerTransaction = Double.parseDouble(commit.group(1));
        return run;
    }

    private static final class Run {
        double recordsPerSecond;
        long peakRssKb;
        long rowsSent;
        /** The child's user + system CPU, last read 100 ms or less before it ended; start-up included. */
        long cpuNanos;

        double cpuMsPerThousandRows() {
            return cpuNanos / 1e6 / rowsSent * 1000;
        }
    }

    /** @param classesBefore the producer's classes of another build, ahead on the classpath; null for this one */
    private static Run replay(KraftTestNode node, Path csv, int batch, String topic, String classesBefore)
            throws Exception {
        Path out = csv.resolveSibling(topic + ".out");
        List<String> args = List.of(csv.toString(), "--bootstrap-server", node.bootstrapServers(), "--topic", topic,
                "--speed", "max", "--batch-size", String.valueOf(batch), "--station", "bench");
        // With bin/produce's own JVM options and no other, as bin/produce runs it.
        ProcessBuilder pb = JavaProcess.asLaunched(ProduceCommand.class, csv.resolveSibling("logs"),
                JavaProcess.commandOptions("produce"), args);
        if (classesBefore != null) {
            List<String> cmd = pb.command();
            int cp = cmd.indexOf("-cp") + 1;
            cmd.set(cp, classesBefore + java.io.File.pathSeparator + cmd.get(cp));
        }
        Process p = pb.redirectErrorStream(true).redirectOutput(out.toFile()).start();
        Run run = new Run();
        Path status = Path.of("/proc/" + p.pid() + "/status");
        while (!p.waitFor(100, TimeUnit.MILLISECONDS)) {
            run.peakRssKb = Math.max(run.peakRssKb, vmHwmKb(status)); // high-water mark: last reading is the peak
            // CPU time is cumulative: the last reading while it runs is the closest to its total.
            p.info().totalCpuDuration().ifPresent(d -> run.cpuNanos = Math.max(run.cpuNanos, d.toNanos()));
        }
        String text = Files.readString(out);
        if (p.exitValue() != 0) {
            throw new IllegalStateException("bin/produce failed (exit " + p.exitValue() + "):\n" + text);
        }
        Matcher elapsed = ELAPSED.matcher(text);
        Matcher sent = SENT.matcher(text);
        if (!elapsed.find() || !sent.find()) {
            throw new IllegalStateException("no summary in:\n" + text);
        }
        run.rowsSent = Long.parseLong(sent.group(1));
        run.recordsPerSecond = run.rowsSent / Double.parseDouble(elapsed.group(1));
        return run;
    }

    private static long vmHwmKb(Path status) {
        try {
            for (String l : Files.readAllLines(status)) {
                if (l.startsWith("VmHWM:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the process just ended
        }
        return 0;
    }

    private static void writeSection(Path doc, int repeats, List<String> results, List<String> allRuns, String before,
            List<String> beforeLines, String perfMissing, String loadBefore, String loadAfter) throws IOException {
        StringBuilder s = new StringBuilder();
        s.append("## Producer\n\n");
        s.append("Measured with `bench/producer` on ")
                .append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")))
                .append(": ").append(Runtime.getRuntime().availableProcessors()).append(" cores (").append(MachineInfo.cpuModel())
                .append("), ").append(MachineInfo.totalMemoryGiB()).append(" GiB RAM, Java ").append(System.getProperty("java.version"))
                .append(", Kafka 4.4.0, one KRaft node on the same machine. Load average (1/5/15 min) ")
                .append(loadBefore).append(" before and ").append(loadAfter).append(" after: the benchmark's own JVMs account")
                .append(" for about 2; the rest is other work on the same cores.\n\n");
        s.append("Full-speed replay (`--speed max`, gzip, acks=all, idempotent, transactional) of rows made by")
                .append(" `bin/generate --seed 42` (JSON values of about 240 bytes), against four references measured")
                .append(" in the same run against the same node, each in a fresh JVM of its own (so all five pay the")
                .append(" Kafka client's JIT warm-up):\n\n")
                .append("- **ratio vs user's loop** (the target of issue 16: at least 0.9) = bin/produce records/s")
                .append(" divided by a plain `KafkaProducer` loop as a user would write it: acks=all, idempotent,")
                .append(" gzip, one transaction per `--batch-size` records, otherwise Kafka's defaults (batch.size")
                .append(" 16 KB, linger.ms 5, gzip level 6), the same key and value and no headers, records pre-built in memory;\n")
                .append("- **checkpoint's cost** = the user's loop plus one checkpoint record per transaction (what")
                .append(" bin/produce's exactly-once contract adds: a `ReplayCheckpoint` as bin/produce writes it, to a")
                .append(" compacted topic of one partition, so every transaction spans a second partition and commits")
                .append(" a second marker) divided by the user's loop: a part of the gap the contract costs;\n")
                .append("- **ratio vs same-settings loop** = bin/produce records/s divided by a plain loop with")
                .append(" bin/produce's own settings (`ProducerSettings`: batch.size 128 KB, linger.ms 10, gzip")
                .append(" level 1) and the same batch commits, sending the same records (same key, value and headers),")
                .append(" pre-built: what bin/produce's own code costs, at its own settings;\n")
                .append("- **ratio vs ProducerPerformance** = bin/produce records/s divided by Kafka's own")
                .append(" `ProducerPerformance` (kafka-tools 4.3.1, the last one published, with its own")
                .append(" kafka-clients 4.3.1, on a classpath of its own from `bench/kafka-perf/pom.xml`), given")
                .append(" the same producer settings (`--command-config`), `--throughput -1`, `--transactional-id`,")
                .append(" and a `--payload-file` holding the same JSON values, one a line. Differences to know:")
                .append(" it sends no key and no headers, it picks each value at random from the file rather than in")
                .append(" row order, and it commits by time, not by count (the first send after a transaction has")
                .append(" been open `--transaction-duration-ms` commits it): that is set, per run, to the mean time")
                .append(" the same-settings loop, run just before, kept a transaction open to send one batch (begin to")
                .append(" commit call, rounded to whole ms, at least 1), so its transactions stay open as long as")
                .append(" the loop's; where it sends faster, each holds more records and it commits less often.")
                .append(" The tool does not report how many transactions it made: the number below is an estimate")
                .append(" (its run time / (that duration + the loop's mean commit time)).")
                .append(" Its rate is its own summary line (from after initTransactions to the last commit and close).\n\n")
                .append("bin/produce's rate counts its replay loop (reading, parsing, JSON, sending, committing,")
                .append(" plus one checkpoint record per transaction), not JVM start-up. Its CPU time is the child")
                .append(" JVM's user + system time for the whole process (start-up included, about 2 s of it), read")
                .append(" every 100 ms while it runs, per 1,000 rows sent: less sensitive to other work on the machine")
                .append(" than its rate. bin/produce runs with its own JVM options and no other (conf/jvm/produce.options,")
                .append(" `").append(JavaProcess.commandOptionsText("produce")).append("`, as bin/produce gives them), the")
                .append(" loops and ProducerPerformance with the JVM's defaults (collector, compilers), as a user's")
                .append(" program runs, and a 3 GB heap for their pre-built records. Peak RSS is")
                .append(" the child JVM's VmHWM. The five ran interleaved, ").append(repeats)
                .append(repeats == 1 ? " run each;" : " runs each;")
                .append(" the table shows the median of each, and every run is listed below it. The last")
                .append(" row replays a tenth of the rows of the row above it, once, for comparing peak RSS (flat")
                .append(" memory); its rate is low because a short run is mostly JIT warm-up.\n\n");
        if (perfMissing != null) {
            s.append("ProducerPerformance was not run: ").append(perfMissing).append(".\n\n");
        }
        s.append("| rows | --batch-size | bin/produce records/s | user's loop records/s | ratio vs user's loop")
                .append(" | user's loop + checkpoint records/s | checkpoint's cost")
                .append(" | same-settings loop records/s | ratio vs same-settings loop")
                .append(" | ProducerPerformance records/s | ratio vs ProducerPerformance | bin/produce CPU ms per 1,000 rows")
                .append(" | bin/produce peak RSS |\n");
        s.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        results.forEach(r -> s.append(r).append('\n'));
        s.append("\nAll runs (records/s, in run order):\n\n");
        allRuns.forEach(r -> s.append(r).append('\n'));
        if (before != null) {
            s.append("\nBefore and after in the same run: bin/produce built from ")
                    .append(System.getProperty("bench.replayBeforeLabel", "`" + before + "`")).append(" ran too,")
                    .append(" interleaved right after each bin/produce above, against the same node:\n\n");
            beforeLines.forEach(r -> s.append(r).append('\n'));
        }
        s.append("\nRerun: `bench/producer [BATCH:ROWS ...]` (default `100:200000 10000:1000000`), or `bench/run` for")
                .append(" every benchmark. Absolute rates depend on the machine and on whatever else runs on it (see the")
                .append(" load averages); the ratios are measured back to back in one run.\n");
        MarkdownSection.replace(doc, "producer", s.toString());
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static void log(String message) {
        System.err.println("[bench/producer " + java.time.LocalTime.now().withNano(0) + "] " + message);
    }
}
