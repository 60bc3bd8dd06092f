package io.aqstream.producer.bench;

import io.aqstream.common.MachineInfo;
import io.aqstream.common.MarkdownSection;
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
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * bench/producer: a full-speed replay of generated rows with bin/produce's main (a child JVM, as a user
 * runs it) against a plain transactional KafkaProducer loop with the same settings (acks=all,
 * idempotence, gzip, same batch commits, same producer configuration) sending the same records,
 * pre-built in memory, in the same run against the same node. Both run in fresh JVMs (same JIT warm-up). Each figure is the replay's records/s as a
 * ratio to the loop's. Writes the "Producer" section of docs/benchmarks.md.
 *
 * <p>Args: BATCH:ROWS pairs (default {@code 100:200000 10000:1000000}); -Dbench.repeats=N (default 3).
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
        String loadBefore = loadAverage();
        Path root = RepoFiles.root();
        Path work = root.resolve("bench/out/producer");
        Files.createDirectories(work);
        List<String> results = new ArrayList<>();
        deleteRecursively(work.resolve("node"));
        try (KraftTestNode node = KraftTestNode.start(work.resolve("node"))) {
            log("node up at " + node.bootstrapServers());
            for (long[] step : plan) {
                int batch = (int) step[0];
                long rows = step[1];
                Path csv = work.resolve("bench-" + rows + ".csv");
                log("generating " + rows + " rows into " + csv);
                generate(csv, rows);
                double bestLoop = 0;
                Run bestReplay = null;
                // Interleaved and repeated, best of each: the machine is shared, and a burst of someone
                // else's work should not decide the ratio.
                for (int i = 1; i <= repeats; i++) {
                    double loop = plainLoop(node, csv, batch, "bench-loop-" + batch + "-" + i);
                    log(String.format(Locale.ROOT, "plain loop, batch %d, %d rows, run %d: %.0f records/s", batch,
                            rows, i, loop));
                    Run replay = replay(node, csv, batch, "bench-replay-" + batch + "-" + i);
                    log(String.format(Locale.ROOT, "bin/produce, batch %d, %d rows, run %d: %.0f records/s,"
                            + " peak RSS %d MB", batch, rows, i, replay.recordsPerSecond, replay.peakRssKb / 1024));
                    bestLoop = Math.max(bestLoop, loop);
                    if (bestReplay == null || replay.recordsPerSecond > bestReplay.recordsPerSecond) {
                        bestReplay = replay;
                    }
                }
                results.add(String.format(Locale.ROOT, "| %,d | %,d | %,.0f | %,.0f | **%.2f** | %,d MB |", rows,
                        batch, bestReplay.recordsPerSecond, bestLoop, bestReplay.recordsPerSecond / bestLoop,
                        bestReplay.peakRssKb / 1024));
            }
            long[] last = plan.get(plan.size() - 1);
            long fewer = Math.max(1, last[1] / 10);
            Path small = work.resolve("bench-" + fewer + ".csv");
            generate(small, fewer);
            Run smallRun = replay(node, small, (int) last[0], "bench-small");
            results.add(String.format(Locale.ROOT, "| %,d | %,d | %,.0f | (not run) | - | %,d MB |", fewer, last[0],
                    smallRun.recordsPerSecond, smallRun.peakRssKb / 1024));
        }
        writeSection(root.resolve("docs/benchmarks.md"), repeats, results, loadBefore, loadAverage());
        log("wrote docs/benchmarks.md");
    }

    private static void generate(Path file, long rows) throws IOException {
        try (Writer w = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 18)) {
            new CsvGenerator(42).write(w, 0, LocalDateTime.of(2004, 3, 10, 18, 0), rows, 0);
        }
    }

    /** The baseline in a fresh JVM of its own (see {@link PlainLoop}), with room for the pre-built records. */
    private static double plainLoop(KraftTestNode node, Path csv, int batch, String topic) throws Exception {
        Path out = csv.resolveSibling(topic + ".out");
        Process p = JavaProcess.builder(PlainLoop.class, csv.resolveSibling("logs"), List.of("-Xmx3g"),
                List.of(csv.toString(), node.bootstrapServers(), topic, String.valueOf(batch)))
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        p.waitFor();
        String text = Files.readString(out);
        Matcher m = Pattern.compile("records/s: ([0-9.]+)").matcher(text);
        if (p.exitValue() != 0 || !m.find()) {
            throw new IllegalStateException("the plain loop failed (exit " + p.exitValue() + "):\n" + text);
        }
        return Double.parseDouble(m.group(1));
    }

    private static final class Run {
        double recordsPerSecond;
        long peakRssKb;
    }

    private static Run replay(KraftTestNode node, Path csv, int batch, String topic) throws Exception {
        Path out = csv.resolveSibling(topic + ".out");
        List<String> args = List.of(csv.toString(), "--bootstrap-server", node.bootstrapServers(), "--topic", topic,
                "--speed", "max", "--batch-size", String.valueOf(batch), "--station", "bench");
        Process p = JavaProcess.builder(ProduceCommand.class, csv.resolveSibling("logs"), List.of(), args)
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        Run run = new Run();
        Path status = Path.of("/proc/" + p.pid() + "/status");
        while (!p.waitFor(100, TimeUnit.MILLISECONDS)) {
            run.peakRssKb = Math.max(run.peakRssKb, vmHwmKb(status)); // high-water mark: last reading is the peak
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
        run.recordsPerSecond = Long.parseLong(sent.group(1)) / Double.parseDouble(elapsed.group(1));
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

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " / " + f[1] + " / " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static void writeSection(Path doc, int repeats, List<String> results, String loadBefore, String loadAfter)
            throws IOException {
        StringBuilder s = new StringBuilder();
        s.append("## Producer\n\n");
        s.append("Measured with `bench/producer` on ")
                .append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")))
                .append(": ").append(Runtime.getRuntime().availableProcessors()).append(" cores (").append(MachineInfo.cpuModel())
                .append("), ").append(MachineInfo.totalMemoryGiB()).append(" GiB RAM, Java ").append(System.getProperty("java.version"))
                .append(", Kafka 4.4.0, one KRaft node on the same machine. Load average (1/5/15 min) ")
                .append(loadBefore).append(" before and ").append(loadAfter).append(" after: other builds and")
                .append(" tests shared the 2 cores while measuring.\n\n");
        s.append("Full-speed replay (`--speed max`, gzip, acks=all, idempotent, transactional) of rows made by")
                .append(" `bin/generate --seed 42` (JSON values of about 240 bytes). **Ratio** = bin/produce records/s")
                .append(" divided by a plain `KafkaProducer` loop with the same settings and the same batch commits")
                .append(" sending the same records, pre-built in memory, in the same run against the same node;")
                .append(" both run in a fresh JVM of their own, so both pay the Kafka client's JIT warm-up.")
                .append(" bin/produce's rate counts its replay loop (reading, parsing, JSON, sending, committing,")
                .append(" plus one checkpoint record per transaction), not JVM start-up. Peak RSS is the child JVM's")
                .append(" VmHWM (heap limit -Xmx384m). Loop and replay ran interleaved, ").append(repeats)
                .append(" times each; the table shows the best of each. The last row replays a tenth of the rows")
                .append(" of the row above it, for comparing peak RSS (flat memory); its rate is low because a short run is")
                .append(" mostly JIT warm-up.\n\n");
        s.append("| rows | --batch-size | bin/produce records/s | plain loop records/s | ratio | bin/produce peak RSS |\n");
        s.append("| --- | --- | --- | --- | --- | --- |\n");
        results.forEach(r -> s.append(r).append('\n'));
        s.append("\nRerun: `bench/producer [BATCH:ROWS ...]` (default `100:200000 10000:1000000`). The machine was")
                .append(" shared with other builds while measuring, so absolute rates vary between runs; the")
                .append(" ratios are measured back to back in one run.\n");
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
