package io.aqstream.consumer;

import io.aqstream.benchkit.MachineInfo;
import io.aqstream.benchkit.MarkdownSection;
import io.aqstream.common.AirQualityReading;
import io.aqstream.common.Measurement;
import io.aqstream.common.ReadingJson;
import io.aqstream.testkit.JavaProcess;
import io.aqstream.testkit.KraftTestNode;
import io.aqstream.testkit.RepoFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.parquet.avro.AvroParquetWriter;

/**
 * bench/consumer. Against a KRaft node of its own:
 * <ol>
 *   <li>throughput: bin/consume's main in a child JVM (as a user runs it) drains a topic of generated
 *       rows into durable Parquet; its rows/s while busy (summary line) as a ratio to a bare
 *       {@link AvroParquetWriter} writing the same rows, pre-converted in memory, to one file (no Kafka,
 *       no JSON, no fsync/rename/commit), in the same run, once with the JVM's defaults (as a user's
 *       program) and once with bin/consume's JVM options; interleaved, median of each;</li>
 *   <li>memory: the same replay with 30 and with 10,000 stations, peak RSS of the consumer JVM;</li>
 *   <li>latency: a producer committing small transactions at a moderate steady rate while bin/consume
 *       runs with --roll-interval 1 --idle-flush 1; for every row, the time from the producer's
 *       commitTransaction() returning to the row's file being visible in the output folder (a watcher
 *       polls every 5 ms).</li>
 * </ol>
 * Writes the "Consumer" section of docs/benchmarks.md. Properties: bench.rows (300000), bench.repeats (3),
 * bench.rate rows/s (200), bench.seconds (30).
 */
public final class ConsumerBenchmark {
    private static final Pattern THROUGHPUT = Pattern.compile("throughput:\\s+([0-9.]+) rows/s");
    private static final Pattern BARE = Pattern.compile("bare: ([0-9.]+) rows/s");
    private static final Pattern WRITTEN = Pattern.compile("rows written:\\s+(\\d+)");
    private static final LocalDateTime BASE = LocalDateTime.of(2004, 3, 10, 18, 0);

    private ConsumerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = Integer.getInteger("bench.rows", 300_000);
        int repeats = Integer.getInteger("bench.repeats", 3);
        int rate = Integer.getInteger("bench.rate", 200);
        int seconds = Integer.getInteger("bench.seconds", 30);
        Path root = RepoFiles.root();
        String loadBefore = MachineInfo.loadAverage();
        Path work = root.resolve("bench/out/consumer");
        deleteRecursively(work);
        Files.createDirectories(work);
        List<String> lines = new ArrayList<>();
        try (KraftTestNode node = KraftTestNode.start(work.resolve("node"))) {
            log("node up at " + node.bootstrapServers());
            TestKafka.createTopic(node, "bench-30", 3);
            TestKafka.createTopic(node, "bench-10000", 3);
            TestKafka.createTopic(node, "bench-latency", 3);
            log("producing " + rows + " rows (30 stations) and " + rows + " rows (10,000 stations)");
            TestKafka.produce(node, "bench-30", 0, rows, 1_000, row(30));
            TestKafka.produce(node, "bench-10000", 0, rows, 1_000, row(10_000));

            List<Double> bares = new ArrayList<>();
            List<Double> sameSettingsBares = new ArrayList<>();
            List<Run> runs = new ArrayList<>();
            // Interleaved and repeated, median of each: the machine is shared, and a burst of someone
            // else's work should hit both alike and not decide the ratio.
            for (int i = 1; i <= repeats; i++) {
                double bare = bareWriter(node, work, "bench-30", rows, i, USER_PROGRAM);
                log(String.format(Locale.ROOT, "bare parquet-avro writer, run %d: %,.0f rows/s", i, bare));
                double sameSettings = bareWriter(node, work, "bench-30", rows, i, SAME_SETTINGS);
                log(String.format(Locale.ROOT, "bare parquet-avro writer with bin/consume's JVM options, run %d:"
                        + " %,.0f rows/s", i, sameSettings));
                Run run = consume(node, work, "bench-30", "g-throughput-" + i);
                log(String.format(Locale.ROOT, "bin/consume, run %d: %,.0f rows/s while busy, %d rows, %d files,"
                        + " peak RSS %d MB", i, run.rowsPerSecond, run.rows, run.files, run.peakRssKb / 1024));
                bares.add(bare);
                sameSettingsBares.add(sameSettings);
                runs.add(run);
            }
            Run many = consume(node, work, "bench-10000", "g-stations");
            log(String.format(Locale.ROOT, "bin/consume, 10,000 stations: %,.0f rows/s, peak RSS %d MB",
                    many.rowsPerSecond, many.peakRssKb / 1024));

            long[] latencies = latency(node, work, "bench-latency", rate, seconds);
            Arrays.sort(latencies);
            log(String.format(Locale.ROOT, "latency over %d rows: p50 %d ms, p99 %d ms, max %d ms",
                    latencies.length, pct(latencies, 50), pct(latencies, 99), latencies[latencies.length - 1]));

            double bare = median(bares);
            double sameSettings = median(sameSettingsBares);
            double consumed = median(rates(runs));
            lines.add(String.format(Locale.ROOT, "| %,d | 30 | %,.0f | %,.0f | **%.2f** | %,.0f | **%.2f** | %,d | %,d MB |",
                    rows, consumed, bare, consumed / bare, sameSettings, consumed / sameSettings,
                    Math.round(median(files(runs))), Math.round(median(rssMb(runs)))));
            lines.add(String.format(Locale.ROOT, "| %,d | 10,000 | %,.0f | (not run) | - | (not run) | - | %,d | %,d MB |",
                    rows, many.rowsPerSecond, many.files, many.peakRssKb / 1024));
            writeSection(root.resolve("docs/benchmarks.md"), rows, repeats, lines,
                    allRuns(bares, sameSettingsBares, runs), rate, seconds,
                    latencies, loadBefore + " at the start, " + MachineInfo.loadAverage() + " at the end");
        }
        log("wrote docs/benchmarks.md");
    }

    /** The median; of an even count, the mean of the middle two. */
    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static List<Double> rates(List<Run> runs) {
        List<Double> out = new ArrayList<>();
        runs.forEach(r -> out.add(r.rowsPerSecond));
        return out;
    }

    private static List<Double> files(List<Run> runs) {
        List<Double> out = new ArrayList<>();
        runs.forEach(r -> out.add((double) r.files));
        return out;
    }

    private static List<Double> rssMb(List<Run> runs) {
        List<Double> out = new ArrayList<>();
        runs.forEach(r -> out.add((double) (r.peakRssKb / 1024)));
        return out;
    }

    private static List<Long> rounded(List<Double> values) {
        List<Long> out = new ArrayList<>();
        values.forEach(v -> out.add(Math.round(v)));
        return out;
    }

    /** Every run's figures, in run order, for the line under the table. */
    private static String allRuns(List<Double> bares, List<Double> sameSettingsBares, List<Run> runs) {
        List<Long> bare = rounded(bares);
        List<Long> sameSettings = rounded(sameSettingsBares);
        List<Long> consumed = rounded(rates(runs));
        List<Long> rss = rounded(rssMb(runs));
        List<Integer> fileCounts = new ArrayList<>();
        runs.forEach(r -> fileCounts.add(r.files));
        return "All runs (rows/s, in run order, 30 stations): bin/consume " + consumed + ", bare writer " + bare
                + ", bare writer with bin/consume's JVM options " + sameSettings + "; bin/consume files " + fileCounts + ", peak RSS " + rss + " MB.";
    }

    /** Row i: station st-(i % stations), one hour after row i-1, values as in the tests. */
    static IntFunction<AirQualityReading> row(int stations) {
        return i -> {
            AirQualityReading r = ParquetSinkTest.reading(i);
            Double[] values = new Double[Measurement.ALL.size()];
            for (Measurement m : Measurement.ALL) {
                values[m.ordinal()] = r.value(m);
            }
            return new AirQualityReading("st-" + (i % stations), BASE.plusHours(i), values);
        };
    }

    /** bin/consume's own JVM options, as bin/consume gives them. */
    private static final List<String> CONSUME_OPTIONS = JavaProcess.commandOptions("consume");
    /** The bare writer as a user's program runs: the JVM's defaults (heap, collector, both compilers). */
    private static final List<String> USER_PROGRAM = List.of();
    /**
     * The bare writer with bin/consume's JVM options, its heap raised to hold every row it writes in memory:
     * what bin/consume's own code costs, at the same JVM settings.
     */
    private static final List<String> SAME_SETTINGS = concat(CONSUME_OPTIONS, List.of("-Xmx1g"));

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    /**
     * Rows/s of a bare parquet-avro writer on the same rows, in a fresh JVM like bin/consume's (same JIT
     * warm-up), with {@code jvmOptions} only, see {@link BareWriterMain}.
     */
    private static double bareWriter(KraftTestNode node, Path work, String topic, int rows, int run,
            List<String> jvmOptions) throws Exception {
        Path log = work.resolve("bare-" + run + ".out");
        ProcessBuilder pb = JavaProcess.asLaunched(BareWriterMain.class, work.resolve("logs"), jvmOptions,
                List.of(node.bootstrapServers(), topic, Integer.toString(rows), work.resolve("bare-" + run + ".parquet").toString()));
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        String out;
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("bare writer failed: " + Files.readString(log));
        }
        out = Files.readString(log, StandardCharsets.UTF_8);
        Matcher m = BARE.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no rate: " + out);
        }
        return Double.parseDouble(m.group(1));
    }

    static final class Run {
        double rowsPerSecond;
        long rows;
        int files;
        long peakRssKb;
    }

    private static Run consume(KraftTestNode node, Path work, String topic, String group) throws Exception {
        Path output = work.resolve("out-" + group);
        Path log = work.resolve(group + ".out");
        ProcessBuilder pb = JavaProcess.asLaunched(ConsumeCommand.class, work.resolve("logs"), CONSUME_OPTIONS, List.of(
                "--bootstrap-server", node.bootstrapServers(), "--topic", topic, "--group", group,
                "--output", output.toString(), "--stop-after-idle", "3", "--idle-flush", "2", "--progress", "0"));
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        Run run = new Run();
        while (!p.waitFor(100, TimeUnit.MILLISECONDS)) {
            run.peakRssKb = Math.max(run.peakRssKb, vmHwmKb(p.pid()));
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IllegalStateException("bin/consume failed: " + out);
        }
        Matcher m = THROUGHPUT.matcher(out);
        Matcher w = WRITTEN.matcher(out);
        if (!m.find() || !w.find()) {
            throw new IllegalStateException("no summary: " + out);
        }
        run.rowsPerSecond = Double.parseDouble(m.group(1));
        run.rows = Long.parseLong(w.group(1));
        run.files = ParquetRows.visibleFiles(output).size();
        return run;
    }

    private static long vmHwmKb(long pid) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (l.startsWith("VmHWM:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process just ended
        }
        return 0;
    }

    /** Producer commit → row visible, per row, in milliseconds. */
    private static long[] latency(KraftTestNode node, Path work, String topic, int rate, int seconds) throws Exception {
        Path output = work.resolve("out-latency");
        Path log = work.resolve("latency.out");
        ProcessBuilder pb = JavaProcess.asLaunched(ConsumeCommand.class, work.resolve("logs"), CONSUME_OPTIONS, List.of(
                "--bootstrap-server", node.bootstrapServers(), "--topic", topic, "--group", "g-latency",
                "--output", output.toString(), "--stop-after-idle", "5", "--roll-interval", "1", "--idle-flush", "1",
                "--progress", "0"));
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        Process consumer = pb.start();
        // The first rate/2 rows are a warm-up (group join, first fetch, JIT); only the rest are measured.
        int warm = rate / 2;
        int total = warm + rate * seconds;
        long[] committedAt = new long[total];
        long[] visibleAt = new long[total];
        Thread watcher = new Thread(() -> watch(output.resolve(topic), visibleAt, total), "visibility-watcher");
        watcher.setDaemon(true);
        watcher.start();

        Properties p = node.clientProperties();
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "bench-latency");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        int perTx = Math.max(1, rate / 20); // 20 transactions a second
        IntFunction<AirQualityReading> rows = row(30);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            long start = System.nanoTime();
            for (int i = 0; i < total; i += perTx) {
                if (i == warm) {
                    while (!allVisible(visibleAt, warm)) {
                        Thread.sleep(10);
                    }
                    start = System.nanoTime() - (long) (i * 1e9 / rate);
                }
                long due = start + (long) (i * 1e9 / rate);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                producer.beginTransaction();
                int end = Math.min(total, i + perTx);
                for (int j = i; j < end; j++) {
                    AirQualityReading r = rows.apply(j);
                    producer.send(new ProducerRecord<>(topic, r.station().getBytes(StandardCharsets.UTF_8), ReadingJson.toJson(r)));
                }
                producer.commitTransaction();
                long now = System.nanoTime();
                for (int j = i; j < end; j++) {
                    committedAt[j] = now;
                }
            }
        }
        watcher.join(Duration.ofMinutes(2).toMillis());
        consumer.waitFor(2, TimeUnit.MINUTES);
        long[] ms = new long[total - warm];
        for (int i = warm; i < total; i++) {
            if (visibleAt[i] == 0) {
                throw new IllegalStateException("row " + i + " never became visible; see " + log);
            }
            ms[i - warm] = Math.max(0, (visibleAt[i] - committedAt[i]) / 1_000_000);
        }
        return ms;
    }

    private static boolean allVisible(long[] visibleAt, int count) {
        for (int i = 0; i < count; i++) {
            if (visibleAt[i] == 0) {
                return false;
            }
        }
        return true;
    }

    private static void watch(Path folder, long[] visibleAt, int total) {
        Set<Path> seen = new HashSet<>();
        int found = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (found < total && System.nanoTime() < deadline) {
            long now = System.nanoTime();
            for (Path f : ParquetRows.visibleFiles(folder)) {
                if (seen.add(f)) {
                    for (GenericRecord r : ParquetRows.read(f)) {
                        int i = (int) Duration.between(BASE, (LocalDateTime) r.get("timestamp")).toHours();
                        visibleAt[i] = now;
                        found++;
                    }
                }
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static long pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static void writeSection(Path doc, int rows, int repeats, List<String> lines, String allRuns, int rate,
            int seconds, long[] latencies, String load) throws IOException {
        StringBuilder s = new StringBuilder();
        s.append("## Consumer\n\n");
        s.append("Measured with `bench/consumer` on ")
                .append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")))
                .append(" UTC: ").append(Runtime.getRuntime().availableProcessors()).append(" cores (").append(MachineInfo.cpuModel())
                .append("), ").append(MachineInfo.totalMemoryGiB()).append(" GiB RAM, Java ")
                .append(System.getProperty("java.version"))
                .append(", Kafka 4.4.0, Parquet 1.18.1, one KRaft node on the same machine. Load average (1, 5, 15 min) ")
                .append(load).append(": the benchmark's own JVMs account for about 2; the rest is other work on the")
                .append(" same cores.\n\n");
        s.append("### Throughput into durable Parquet\n\n");
        s.append("A topic of 3 partitions pre-filled with generated rows (transactions of 1,000) is drained by")
                .append(" bin/consume's main in a child JVM (with its own JVM options and no other, as bin/consume")
                .append(" gives them: conf/jvm/consume.options, `").append(JavaProcess.commandOptionsText("consume"))
                .append("`; default roll limits, `--idle-flush 2`):")
                .append(" read_committed, JSON parsed, ZSTD Parquet, every file fsynced, renamed, folder fsynced,")
                .append(" offsets committed. Its rate is rows / time busy (the summary's `throughput` line: JVM")
                .append(" start-up and waiting for new records excluded). **Ratio** = that rate / a bare")
                .append(" parquet-avro `AvroParquetWriter` (same schema, ZSTD, same 16 MB row groups) writing the")
                .append(" same rows, already converted to Avro records in memory, into one file with no Kafka, no")
                .append(" JSON and no fsync, in the same run, with the JVM's defaults (heap, collector, both")
                .append(" compilers) as a user's program would run (the target of issue 16: at least 0.6).")
                .append(" **Ratio, same JVM options** = the same, against the bare writer run with bin/consume's JVM")
                .append(" options (its heap raised to 1 GB to hold the rows): what bin/consume's own code costs.")
                .append(" Each runs in a fresh JVM of its own, so each pays its JIT warm-up.")
                .append(" Interleaved, ").append(repeats)
                .append(" runs each; the first row shows the median of each (rate, files and RSS) and every run is")
                .append(" listed under the table. The second row replays as many rows spread over 10,000 stations")
                .append(" instead of 30: peak RSS (VmHWM of the consumer JVM) stays flat because there is one open")
                .append(" file per partition, not per station. Most of the RSS is the heap the JVM grows within")
                .append(" its cap, not live data.\n\n");
        s.append("| rows | stations | bin/consume rows/s | bare writer rows/s | ratio | bare writer, bin/consume's")
                .append(" JVM options, rows/s | ratio, same JVM options | files | bin/consume peak RSS |\n");
        s.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        lines.forEach(l -> s.append(l).append('\n'));
        s.append('\n').append(allRuns).append(" The 10,000-station row is one run.\n");
        s.append("\n### Latency: producer commit to row visible in processed_data/\n\n");
        s.append(String.format(Locale.ROOT, "A transactional producer commits %d rows/s in %d transactions a"
                + " second for %d s (%,d rows measured, after a warm-up of half a second's rows that must be visible first) while bin/consume runs with `--roll-interval 1 --idle-flush 1`. For"
                + " each row: time from commitTransaction() returning to its file being visible (a watcher lists"
                + " the folder every 5 ms).%n%n", rate, 20, seconds, latencies.length));
        s.append("| rows | p50 | p99 | max |\n| --- | --- | --- | --- |\n");
        s.append(String.format(Locale.ROOT, "| %,d | %,d ms | %,d ms | %,d ms |%n", latencies.length,
                pct(latencies, 50), pct(latencies, 99), latencies[latencies.length - 1]));
        s.append("\nWith the defaults (`--roll-interval 60 --idle-flush 5`) a steady trickle becomes visible at")
                .append(" most about 60 s after it is committed, and the end of a burst about 5 s after it; the")
                .append(" settings above trade that for many small files (one per partition per second).\n\n");
        s.append("Rerun: `bench/consumer` (about 6 minutes; -Dbench.rows, -Dbench.rate, -Dbench.seconds,")
                .append(" -Dbench.repeats through BENCH_OPTS), or `bench/run` for every benchmark. Absolute rates")
                .append(" depend on the machine and on whatever else runs on it (see the load averages); the ratio")
                .append(" is measured back to back in one run.\n");
        MarkdownSection.replace(doc, "consumer", s.toString());
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
        System.err.println("bench/consumer: " + message);
    }
}
