package io.aqstream.reliability;

import io.aqstream.benchkit.MachineInfo;
import io.aqstream.benchkit.MarkdownSection;
import io.aqstream.common.Topics;
import io.aqstream.common.cli.CommandRunner;
import io.aqstream.producer.GenerateCommand;
import io.aqstream.producer.ProduceCommand;
import io.aqstream.testkit.KraftTestCluster;
import io.aqstream.testkit.KraftTestNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * bench/cluster: the local 3-node cluster against the single node, both started by the project's own
 * commands on free ports and kept running for the whole benchmark.
 * <ol>
 * <li>Replay throughput: bin/produce (its own JVM, wall time including its start) of a generated file at
 * --speed max, at --batch-size 100 and 10,000, the single node and the cluster interleaved round by round;
 * medians and the ratio cluster / single node.</li>
 * <li>Peak RSS of each node (VmHWM of its process) after those replays.</li>
 * <li>The time from a broker SIGKILL to the producer's first commit after it: one paced bin/produce (a
 * commit about every second) on the cluster; nodes 1, 2, 3, 1, ... are SIGKILLed right after a commit was
 * seen, and a read_committed consumer (this JVM, polling continuously) sees the next committed rows. Each
 * node is started again and the producer's commits are steady before the next kill. The commit interval
 * without kills is measured the same way, as the reference.</li>
 * </ol>
 * Writes the "cluster" section of the given Markdown file. Timings are figures, never pass/fail.
 */
public final class ClusterBench {
    private final Path work;
    private final int rounds;
    private final int kills;
    private final Map<Integer, Integer> rowsPerBatchSize = new LinkedHashMap<>();
    private final PrintWriter progress = new PrintWriter(System.err, true);
    private final List<String> runLog = new ArrayList<>();
    private int replayCount;

    private ClusterBench(Path work, int rounds, int kills) {
        this.work = work;
        this.rounds = rounds;
        this.kills = kills;
        rowsPerBatchSize.put(100, Integer.getInteger("bench.rows100", 20_000));
        rowsPerBatchSize.put(10_000, Integer.getInteger("bench.rows10000", 200_000));
    }

    public static void main(String[] args) throws Exception {
        Path report = args.length > 0 ? Paths.get(args[0]) : null;
        ClusterBench bench = new ClusterBench(Paths.get(System.getProperty("bench.work", "bench/out/cluster")).toAbsolutePath(),
                Integer.getInteger("bench.rounds", 3), Integer.getInteger("bench.kills", 12));
        String md = bench.run();
        System.out.print(md);
        if (report != null) {
            MarkdownSection.replace(report, "cluster", md);
            System.err.println("figures written to " + report);
        }
    }

    private String run() throws Exception {
        FaultInjectionRun.deleteRecursively(work);
        Files.createDirectories(work);
        String load = MachineInfo.loadAverage();
        long began = System.currentTimeMillis();
        Map<Integer, Path> files = new LinkedHashMap<>();
        for (Map.Entry<Integer, Integer> e : rowsPerBatchSize.entrySet()) {
            files.put(e.getKey(), generate("rows-" + e.getValue(), e.getValue(), 1));
        }
        Map<String, List<Double>> seconds = new LinkedHashMap<>();
        String[] peaks;
        long singlePeak;
        List<Long> killToCommit = new ArrayList<>();
        List<Integer> killedNodes = new ArrayList<>();
        List<Long> interval = new ArrayList<>();
        try (KraftTestNode single = KraftTestNode.start(work.resolve("single"));
                KraftTestCluster cluster = KraftTestCluster.start(work.resolve("cluster"))) {
            say("single node at %s, cluster at %s", single.bootstrapServers(), cluster.bootstrapServers());
            for (int round = 1; round <= rounds; round++) {
                for (Map.Entry<Integer, Path> f : files.entrySet()) {
                    int batch = f.getKey();
                    // Interleaved, and the order alternates by round, so that a trend in the machine's load hits both.
                    List<Boolean> order = round % 2 == 1 ? List.of(false, true) : List.of(true, false);
                    for (boolean onCluster : order) {
                        double s = replay(f.getValue(), batch, onCluster ? cluster.bootstrapServers() : single.bootstrapServers());
                        String key = (onCluster ? "cluster" : "single") + ":" + batch;
                        seconds.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
                        runLog.add(String.format(Locale.ROOT, "round %d, --batch-size %,d, %s: %.1f s", round, batch,
                                onCluster ? "cluster" : "single node", s));
                        say("%s", runLog.get(runLog.size() - 1));
                    }
                }
            }
            peaks = new String[KraftTestCluster.SIZE];
            for (int n = 1; n <= KraftTestCluster.SIZE; n++) {
                peaks[n - 1] = mib(peakRss(cluster.pid(n)));
            }
            singlePeak = peakRss(single.pid());
            killsToCommits(cluster, killToCommit, killedNodes, interval);
        }
        return markdown(load, began, seconds, peaks, singlePeak, killToCommit, killedNodes, interval);
    }

    /** One bin/produce of the whole file at full speed, as its own JVM; wall seconds including its start. */
    private double replay(Path csv, int batch, String bootstrap) throws Exception {
        ChildProcess p = new ChildProcess("produce-" + (++replayCount), ProduceCommand.class, List.of(csv.toString(),
                "--bootstrap-server", bootstrap, "--speed", "max", "--batch-size", Integer.toString(batch),
                "--replay-id", "bench-cluster-" + replayCount), work.resolve("logs"));
        long t0 = System.nanoTime();
        p.start();
        if (!p.awaitExit(Duration.ofMinutes(20).toMillis()) || p.exitCode() != 0) {
            throw new IllegalStateException("bin/produce failed: " + Files.readString(p.lastOutput()));
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private void killsToCommits(KraftTestCluster cluster, List<Long> killToCommit, List<Integer> killedNodes,
            List<Long> interval) throws Exception {
        // Paced: 50 rows a second with --batch-size 100, so a commit about every second (the producer commits
        // a partial batch after about 1 s while pacing); long enough to outlast every kill.
        Path csv = generate("paced", 200_000, 2);
        ChildProcess producer = new ChildProcess("produce-paced", ProduceCommand.class, List.of(csv.toString(),
                "--bootstrap-server", cluster.bootstrapServers(), "--speed", "180000", "--batch-size", "100",
                "--replay-id", "bench-cluster-paced", "--wait-for-broker", "120s"), work.resolve("logs"));
        Properties c = cluster.clientProperties();
        c.put("isolation.level", "read_committed");
        c.put("enable.auto.commit", "false");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.DATA).stream()
                    .map(p -> new TopicPartition(Topics.DATA, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            producer.start();
            try {
                // Reference: the gaps between commits seen without a kill.
                long last = awaitCommit(consumer, producer, Long.MAX_VALUE);
                for (int i = 0; i < 10; i++) {
                    long next = awaitCommit(consumer, producer, Long.MAX_VALUE);
                    interval.add((next - last) / 1_000_000);
                    last = next;
                }
                for (int k = 0; k < kills; k++) {
                    int node = 1 + k % KraftTestCluster.SIZE;
                    awaitCommit(consumer, producer, Long.MAX_VALUE);
                    long killedAt = System.nanoTime();
                    cluster.killHard(node);
                    long committedAt = awaitCommit(consumer, producer, killedAt);
                    killToCommit.add((committedAt - killedAt) / 1_000_000);
                    killedNodes.add(node);
                    say("kill %d: node %d SIGKILLed; first commit after it %d ms later", k + 1, node,
                            killToCommit.get(k));
                    cluster.start(node);
                    // Steady again (commits through the restarted node's return) before the next kill.
                    awaitCommit(consumer, producer, Long.MAX_VALUE);
                    awaitCommit(consumer, producer, Long.MAX_VALUE);
                }
            } finally {
                producer.sigkill();
            }
        }
    }

    /** Polls until committed rows arrive (after {@code after}, a nanoTime, when given); returns when they did. */
    private static long awaitCommit(KafkaConsumer<byte[], byte[]> consumer, ChildProcess producer, long after) {
        long guard = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < guard) {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(20));
            long now = System.nanoTime();
            if (!records.isEmpty() && (after == Long.MAX_VALUE || now > after)) {
                return now;
            }
            if (!producer.isAlive()) {
                throw new IllegalStateException("the paced producer ended: " + producer.lastOutput());
            }
        }
        throw new IllegalStateException("no commit within 5 minutes");
    }

    private Path generate(String name, int hours, long seed) throws IOException {
        Path csv = work.resolve("csv").resolve(name + ".csv");
        Files.createDirectories(csv.getParent());
        StringWriter err = new StringWriter();
        int code = CommandRunner.run(new GenerateCommand(), new String[] {"--hours", Integer.toString(hours), "--seed",
            Long.toString(seed), "-o", csv.toString()}, new PrintWriter(new StringWriter()), new PrintWriter(err));
        if (code != 0) {
            throw new IllegalStateException("bin/generate failed: " + err);
        }
        return csv;
    }

    /** VmHWM: the highest resident set size the process has had. */
    private static long peakRss(long pid) throws IOException {
        for (String line : Files.readAllLines(Paths.get("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmHWM for pid " + pid);
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%d MB", Math.round(bytes / 1e6));
    }

    private String markdown(String load, long began, Map<String, List<Double>> seconds, String[] peaks, long singlePeak,
            List<Long> killToCommit, List<Integer> killedNodes, List<Long> interval) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Run on %s: %d cores (%s), %d GiB RAM, Java %s; load average at the start"
                + " %s, at the end %s (other work shares this machine). Command: `BENCH_OPTS=\"-Dbench.rounds=%d"
                + " -Dbench.kills=%d -Dbench.rows100=%d -Dbench.rows10000=%d\" bench/cluster`; it took %.0f s.%n%n",
                ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")),
                Runtime.getRuntime().availableProcessors(), MachineInfo.cpuModel(), MachineInfo.totalMemoryGiB(),
                System.getProperty("java.version"), load, MachineInfo.loadAverage(), rounds, kills, rowsPerBatchSize.get(100), rowsPerBatchSize.get(10_000),
                (System.currentTimeMillis() - began) / 1000.0));
        md.append("**Replay throughput**, `bin/produce FILE --speed max` as its own JVM (wall time, its start included),"
                + " the single node (`start-kraft`, replication factor 1) and the 3-node cluster (`start-kraft --nodes 3`,"
                + " replication factor 3, min ISR 2) both running, interleaved; medians:\n\n");
        md.append("| `--batch-size` | rows | single node | 3-node cluster | cluster / single (throughput) |\n| --- | --- | --- | --- | --- |\n");
        for (Map.Entry<Integer, Integer> e : rowsPerBatchSize.entrySet()) {
            double single = median(seconds.get("single:" + e.getKey()));
            double cluster = median(seconds.get("cluster:" + e.getKey()));
            md.append(String.format(Locale.ROOT, "| %,d | %,d | %.1f s (%,.0f rows/s) | %.1f s (%,.0f rows/s) | %.2f |%n",
                    e.getKey(), e.getValue(), single, e.getValue() / single, cluster, e.getValue() / cluster, single / cluster));
        }
        md.append("\nEvery run: ").append(String.join("; ", runLog)).append(".\n\n");
        md.append(String.format(Locale.ROOT, "**Peak RSS** (VmHWM) after those replays: nodes 1, 2, 3 of the cluster %s,"
                + " %s, %s; the single node %s.%n%n", peaks[0], peaks[1], peaks[2], mib(singlePeak)));
        List<Long> sorted = new ArrayList<>(killToCommit);
        sorted.sort(null);
        md.append(String.format(Locale.ROOT, "**From a broker SIGKILL to the producer's first commit after it**"
                + " (one paced `bin/produce`, a commit about every second, `--batch-size 100`; each kill right after a"
                + " commit was seen by a read_committed consumer; nodes killed in turn, each started again before the"
                + " next kill), over %d kills: p50 %,d ms, p99 %,d ms (of %d values the p99 is the largest), min %,d ms."
                + " Without a kill, the gap between two commits: median %,d ms (%s). Every kill (node: ms): %s.%n%n",
                sorted.size(), percentile(sorted, 50), percentile(sorted, 99), sorted.size(), sorted.get(0),
                percentile(sortedCopy(interval), 50), interval, pairs(killedNodes, killToCommit)));
        return md.toString();
    }

    private static List<Long> sortedCopy(List<Long> values) {
        List<Long> copy = new ArrayList<>(values);
        copy.sort(null);
        return copy;
    }

    private static String pairs(List<Integer> nodes, List<Long> millis) {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            all.add(nodes.get(i) + ": " + String.format(Locale.ROOT, "%,d", millis.get(i)));
        }
        return String.join(", ", all);
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(List<Long> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    static double median(List<Double> values) {
        List<Double> s = new ArrayList<>(values);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private void say(String format, Object... args) {
        progress.printf(Locale.ROOT, format + "%n", args);
    }
}
