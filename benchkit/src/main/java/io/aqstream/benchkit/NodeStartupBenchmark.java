package io.aqstream.benchkit;

import io.aqstream.common.cli.CommandJvmOptions;
import io.aqstream.common.cli.LogBinding;
import io.aqstream.kraft.NodeConfig;
import io.aqstream.kraft.NodeProcess;
import io.aqstream.kraft.StartKraft;
import io.aqstream.kraft.Storage;
import io.aqstream.kraft.TopicSpec;
import io.aqstream.kraft.TopicsFile;
import java.io.IOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;

/**
 * bench/node-startup: start-up time of this project's launcher against Kafka's own {@code kafka.Kafka}
 * main, same properties, same JVM options, same machine, same run (alternating, so background load hits
 * both alike). "Ready" means the same for both: the node accepts requests and the topics of
 * conf/topics.conf exist with a leader for every partition. For start-kraft that is its ready line
 * (it creates the topics itself); for kafka.Kafka the benchmark creates them as soon as the broker
 * answers. Cold start: empty data dir (start-kraft formats itself, inside the timing; kafka.Kafka's
 * storage is formatted beforehand, outside the timing, with the same Formatter settings). Restart:
 * clean stop, start on the same data. Idle RSS: VmRSS of the node process 5 s after a restart. CPU to
 * ready: the node process's user + system time (/proc/PID/stat) when it is ready, all its threads (the JIT
 * compilers' included); less sensitive than wall time to other work on a shared machine.
 *
 * <p>start-kraft runs twice per round: with its JVM options as bin/start-kraft gives them
 * (conf/jvm/start-kraft.options) and with the JVM's defaults (the heap only, as before issue 16), so the
 * options' effect is measured interleaved in the same run.
 *
 * <p>Writes the table between the node markers of docs/benchmarks.md and prints it.
 */
public final class NodeStartupBenchmark {
    private static final Duration HANG_GUARD = Duration.ofMinutes(3);
    private static final Duration SETTLE = Duration.ofSeconds(5);
    /** As bin/lib/aq.sh: a stale archive's warning kept off the output. */
    private static final String CDS_QUIET = "-Xlog:cds=off,cds+dynamic=off";
    private final Path home;
    private final Path work;
    private final List<String> jvmOptions;
    private final List<TopicSpec> topics;

    private NodeStartupBenchmark(Path home, Path work, List<String> jvmOptions) {
        this.home = home;
        this.work = work;
        this.jvmOptions = jvmOptions;
        this.topics = TopicsFile.read(home.resolve("conf/topics.conf"));
    }

    public static void main(String[] args) throws Exception {
        Path home = Paths.get(System.getProperty("aq.home", ".")).toAbsolutePath().normalize();
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        String heap = System.getenv().getOrDefault("AQ_BENCH_NODE_HEAP", "-Xmx512m");
        Path work = home.resolve("bench/out/node-startup");
        deleteTree(work);
        Files.createDirectories(work);
        NodeStartupBenchmark bench = new NodeStartupBenchmark(home, work, List.of(heap.split("\\s+")));
        String loadBefore = MachineInfo.loadAverage();
        Results r = bench.run(rounds);
        String table = bench.table(r, rounds, heap, loadBefore, MachineInfo.loadAverage());
        System.out.println(table);
        MarkdownSection.replace(home.resolve("docs/benchmarks.md"), "node", table);
        System.err.println("Written to docs/benchmarks.md (node section). Work files: " + work);
    }

    private Results run(int rounds) throws Exception {
        Results r = new Results();
        train();
        for (int i = 1; i <= rounds; i++) {
            int round = i;
            System.err.printf("round %d/%d%n", i, rounds);
            // The order turns each round, so no contestant always follows the same one.
            List<Runnable> order = new ArrayList<>();
            order.add(unchecked(() -> ours(round, true, r.aq)));
            order.add(unchecked(() -> ours(round, false, r.aqDefaults)));
            order.add(unchecked(() -> kafka(round, r.kafka)));
            Collections.rotate(order, i - 1);
            order.forEach(Runnable::run);
        }
        return r;
    }

    private interface Step {
        void run() throws Exception;
    }

    private static Runnable unchecked(Step step) {
        return () -> {
            try {
                step.run();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    /**
     * bin/start-kraft's class-data archive, as its first run writes it (bin/lib/aq.sh): one untimed start and
     * stop of start-kraft with {@code -XX:ArchiveClassesAtExit}; the timed starts then map it, as every later
     * bin/start-kraft does. Here rather than dist/target/cds/ because this classpath (benchkit's classes
     * added) is not bin/'s, and an archive belongs to one classpath.
     */
    private void train() throws Exception {
        Path dir = work.resolve("aq-training");
        Path config = writeConfig(dir);
        List<String> options = new ArrayList<>(startKraftOptions());
        options.addAll(jvmOptions);
        List<String> cmd = BenchJvm.command(home, options, asLaunched(CDS_QUIET,
                "-XX:ArchiveClassesAtExit=" + archive()), dir, StartKraft.class.getName());
        cmd.addAll(List.of("--config", config.toString(), "--topics", home.resolve("conf/topics.conf").toString(),
                "--stop-with-parent", Long.toString(ProcessHandle.current().pid())));
        long t0 = System.nanoTime();
        NodeProcess node = NodeProcess.start(BenchJvm.builder(cmd, dir), dir.resolve("ready"), HANG_GUARD);
        node.stop();
        System.err.printf("class-data archive written by an untimed start-kraft run (%d ms): %s%n", millisSince(t0),
                archive());
    }

    /**
     * The given options and what bin/start-kraft's launcher sets in its JVM before StartKraft runs: SLF4J's
     * binding named ({@link LogBinding}). kafka.Kafka gets neither, as Kafka's own scripts give it neither.
     */
    private static List<String> asLaunched(String... options) {
        List<String> all = new ArrayList<>(List.of(options));
        all.addAll(LogBinding.jvmOptions());
        return all;
    }

    private Path archive() {
        return work.resolve("start-kraft.jsa");
    }

    /** bin/start-kraft's JVM options file, read by java itself (@file) as bin/lib/aq.sh has it read. */
    private List<String> startKraftOptions() {
        return List.of("@" + CommandJvmOptions.file(home, "start-kraft"));
    }

    /**
     * One cold start and one restart of start-kraft. {@code shipped}: with conf/jvm/start-kraft.options before
     * the benchmark's heap (as bin/start-kraft: AQ_HEAP_OPTS after the file); otherwise the heap alone.
     */
    private void ours(int round, boolean shipped, Runs r) throws Exception {
        Path dir = work.resolve((shipped ? "aq-" : "aq-defaults-") + round);
        Path config = writeConfig(dir);
        List<String> options = new ArrayList<>(shipped ? startKraftOptions() : List.of());
        options.addAll(jvmOptions);
        List<String> cmd = BenchJvm.command(home, options, asLaunched(CDS_QUIET,
                "-XX:SharedArchiveFile=" + archive()), dir, StartKraft.class.getName());
        cmd.addAll(List.of("--config", config.toString(), "--topics", home.resolve("conf/topics.conf").toString(),
                "--stop-with-parent", Long.toString(ProcessHandle.current().pid())));
        long t0 = System.nanoTime();
        NodeProcess node = NodeProcess.start(BenchJvm.builder(cmd, dir), dir.resolve("ready"), HANG_GUARD);
        r.cold.add(millisSince(t0));
        r.cpuCold.add(cpuMillis(node.pid()));
        node.stop();
        t0 = System.nanoTime();
        node = NodeProcess.start(BenchJvm.builder(cmd, dir), dir.resolve("ready"), HANG_GUARD);
        r.restart.add(millisSince(t0));
        r.cpuRestart.add(cpuMillis(node.pid()));
        Thread.sleep(SETTLE.toMillis());
        r.rss.add(rssMb(node.pid()));
        node.stop();
        System.err.printf("  start-kraft%s: %s%n", shipped ? "" : " (JVM defaults)", r.lastRound());
    }

    private void kafka(int round, Runs r) throws Exception {
        Path dir = work.resolve("kafka-" + round);
        Path config = writeConfig(dir);
        Storage.formatIfNeeded(NodeConfig.load(config, List.of()));
        List<String> cmd = BenchJvm.command(home, jvmOptions, List.of(), dir, "kafka.Kafka");
        cmd.add(config.toString());
        String bootstrap = NodeConfig.load(config, List.of()).bootstrapServers();
        long t0 = System.nanoTime();
        Process p = BenchJvm.builder(cmd, dir).start();
        awaitTopics(p, bootstrap, true);
        r.cold.add(millisSince(t0));
        r.cpuCold.add(cpuMillis(p.pid()));
        stop(p);
        t0 = System.nanoTime();
        p = BenchJvm.builder(cmd, dir).start();
        awaitTopics(p, bootstrap, false);
        r.restart.add(millisSince(t0));
        r.cpuRestart.add(cpuMillis(p.pid()));
        Thread.sleep(SETTLE.toMillis());
        r.rss.add(rssMb(p.pid()));
        stop(p);
        System.err.printf("  kafka.Kafka: %s%n", r.lastRound());
    }

    /**
     * Polls the broker until the pipeline topics exist with leaders, creating them on a cold start. The
     * admin client is created once the port accepts connections (polled every 20 ms), so its own
     * reconnect back-off does not add to kafka.Kafka's time.
     */
    private void awaitTopics(Process p, String bootstrap, boolean create) throws Exception {
        long deadline = System.nanoTime() + HANG_GUARD.toNanos();
        int port = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
        while (!accepts(port)) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new IllegalStateException("kafka.Kafka did not open its port; see " + work);
            }
            Thread.sleep(20);
        }
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, "20");
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "50");
        List<String> names = topics.stream().map(TopicSpec::name).collect(Collectors.toList());
        try (Admin admin = Admin.create(props)) {
            boolean created = !create;
            while (true) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    p.destroyForcibly();
                    throw new IllegalStateException("kafka.Kafka did not become ready; see " + work);
                }
                try {
                    if (!created) {
                        admin.describeCluster().nodes().get(1, TimeUnit.SECONDS);
                        admin.createTopics(topics.stream()
                                .map(t -> new NewTopic(t.name(), java.util.Optional.of(t.partitions()), t.replicationFactor()).configs(t.configs()))
                                .collect(Collectors.toList())).all().get();
                        created = true;
                    }
                    Set<String> led = admin.describeTopics(names).allTopicNames().get(1, TimeUnit.SECONDS).values().stream()
                            .filter(NodeStartupBenchmark::allLed).map(TopicDescription::name).collect(Collectors.toSet());
                    if (led.size() == names.size()) {
                        return;
                    }
                } catch (Exception notYet) {
                    // not answering yet
                }
                Thread.sleep(20);
            }
        }
    }

    private static boolean accepts(int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean allLed(TopicDescription d) {
        return d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty());
    }

    private Path writeConfig(Path dir) throws IOException {
        Files.createDirectories(dir);
        int[] ports = freePorts();
        NodeConfig base = NodeConfig.load(home.resolve("conf/server.properties"), List.of(
                "log.dirs=" + dir.resolve("data"),
                "listeners=PLAINTEXT://127.0.0.1:" + ports[0] + ",CONTROLLER://127.0.0.1:" + ports[1],
                "controller.quorum.bootstrap.servers=127.0.0.1:" + ports[1]));
        Path file = dir.resolve("server.properties");
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.ISO_8859_1)) {
            base.properties().store(w, "generated by bench/node-startup from conf/server.properties");
        }
        return file;
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        p.waitFor();
    }

    private static long millisSince(long t0) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }

    private static long last(List<Long> values) {
        return values.get(values.size() - 1);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static long rssMb(long pid) throws IOException {
        for (String line : Files.readAllLines(Paths.get("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }

    /** User + system CPU time of the process so far, all its threads (the JDK reads /proc/PID/stat). */
    private static long cpuMillis(long pid) {
        return ProcessHandle.of(pid).flatMap(h -> h.info().totalCpuDuration())
                .orElseThrow(() -> new IllegalStateException("no CPU time for pid " + pid)).toMillis();
    }

    private static int[] freePorts() throws IOException {
        try (ServerSocket a = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             ServerSocket b = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return new int[] {a.getLocalPort(), b.getLocalPort()};
        }
    }

    private static String memory() {
        try {
            for (String line : Files.readAllLines(Paths.get("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return (Long.parseLong(line.replaceAll("[^0-9]", "")) >> 20) + " GiB";
                }
            }
        } catch (IOException e) {
            // unknown
        }
        return "unknown";
    }

    private String table(Results r, int rounds, String heap, String loadBefore, String loadAfter) {
        StringBuilder s = new StringBuilder();
        s.append("## Node\n\n");
        s.append("`bench/node-startup` (").append(rounds).append(" rounds, the three nodes interleaved, the order turned")
                .append(" each round; median of ").append(rounds)
                .append("). Ready = accepts requests and the topics of conf/topics.conf exist with leaders.\n");
        s.append("All nodes: same generated server.properties (from conf/server.properties, free ports), same heap (`")
                .append(heap).append("`), same classpath, same log4j2.xml. start-kraft runs as")
                .append(" bin/start-kraft runs it from its second run on: with its class-data archive (AppCDS, written")
                .append(" by one untimed start and stop before the rounds), once with its JVM options")
                .append(" (conf/jvm/start-kraft.options: ").append(optionsSummary()).append(") and once with the JVM's")
                .append(" defaults, as before issue 16; kafka.Kafka with the JDK's default archive only and the JVM's")
                .append(" defaults (Kafka's own scripts would add their G1 pause settings).\n\n");
        s.append("| | start-kraft (this project) | start-kraft, JVM defaults | kafka.Kafka (Kafka's own main) | start-kraft / JVM defaults |")
                .append(" start-kraft / kafka.Kafka |\n");
        s.append("|---|---:|---:|---:|---:|---:|\n");
        row(s, "cold start to ready (ms)", r.aq.cold, r.aqDefaults.cold, r.kafka.cold);
        row(s, "restart to ready (ms)", r.aq.restart, r.aqDefaults.restart, r.kafka.restart);
        row(s, "CPU to ready, cold start (ms, user + sys)", r.aq.cpuCold, r.aqDefaults.cpuCold, r.kafka.cpuCold);
        row(s, "CPU to ready, restart (ms, user + sys)", r.aq.cpuRestart, r.aqDefaults.cpuRestart, r.kafka.cpuRestart);
        row(s, "idle RSS 5 s after restart (MB)", r.aq.rss, r.aqDefaults.rss, r.kafka.rss);
        s.append("\nAll runs (ms / MB): start-kraft ").append(r.aq.all()).append("; start-kraft with JVM defaults ")
                .append(r.aqDefaults.all()).append("; kafka.Kafka ").append(r.kafka.all()).append(".\n\n");
        s.append("Cold start of start-kraft includes formatting the storage; kafka.Kafka's storage was formatted"
                + " beforehand (outside the timing), as `kafka-storage format` would be. start-kraft creates and"
                + " checks the topics with an admin client inside the node's JVM (cold classes), kafka.Kafka's are"
                + " created and checked by the benchmark's already warm JVM. Times are from process spawn (JVM"
                + " start included) to ready. CPU to ready is the node process's user + system time when it is ready"
                + " (/proc/PID/stat, every thread, the JIT compilers' included; 10 ms resolution): on a shared machine"
                + " it moves far less than the wall time.\n\n");
        long readyMedian = Math.max(median(r.aq.cold), median(r.aq.restart));
        s.append("Targets (issue 2, then issue 16): ready in at most 3000 ms, then 2000 ms (median), idle RSS at most")
                .append(" 500 MB. This run: RSS ")
                .append(median(r.aq.rss) <= 500 ? "met" : "not met").append(", ready in 3000 ms ")
                .append(readyMedian <= 3000 ? "met" : "not met").append(", in 2000 ms ")
                .append(readyMedian <= 2000 ? "met" : "not met").append(" (fastest start-kraft start ")
                .append(r.aq.fastest()).append(" ms, fastest kafka.Kafka start ").append(r.kafka.fastest())
                .append(" ms); see the load average below.\n\n");
        s.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" CPUs (nproc), ")
                .append(memory()).append(" memory, ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.runtime.version")).append(", Kafka 4.4.0; load average before/after: ")
                .append(loadBefore).append(" / ").append(loadAfter).append(" (1, 5 and 15 minutes; above the benchmark's own JVMs, other work on the machine).")
                .append(" Date: ").append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append(".\n");
        return s.toString();
    }

    /** The options of conf/jvm/start-kraft.options as the table names them, e.g. "`-Xmx512m -XX:TieredStopAtLevel=1`". */
    private String optionsSummary() {
        try {
            return "`" + String.join(" ", CommandJvmOptions.read(CommandJvmOptions.file(home, "start-kraft"))) + "`";
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        }
    }

    private static void row(StringBuilder s, String name, List<Long> aq, List<Long> defaults, List<Long> kafka) {
        long a = median(aq);
        long d = median(defaults);
        long k = median(kafka);
        s.append("| ").append(name).append(" | ").append(a).append(" | ").append(d).append(" | ").append(k)
                .append(" | ").append(ratio(a, d)).append(" | ").append(ratio(a, k)).append(" |\n");
    }

    private static String ratio(long a, long b) {
        return b == 0 ? "-" : String.format("%.2f", (double) a / b);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all.sorted(Collections.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    /** Every run of one contestant, in round order. */
    private static final class Runs {
        final List<Long> cold = new ArrayList<>();
        final List<Long> restart = new ArrayList<>();
        final List<Long> cpuCold = new ArrayList<>();
        final List<Long> cpuRestart = new ArrayList<>();
        final List<Long> rss = new ArrayList<>();

        String lastRound() {
            return String.format("cold %d ms (CPU %d ms), restart %d ms (CPU %d ms), idle RSS %d MB", last(cold),
                    last(cpuCold), last(restart), last(cpuRestart), last(rss));
        }

        String all() {
            return "cold " + cold + ", restart " + restart + ", CPU cold " + cpuCold + ", CPU restart " + cpuRestart
                    + ", RSS " + rss;
        }

        long fastest() {
            return Math.min(Collections.min(cold), Collections.min(restart));
        }
    }

    private static final class Results {
        /** start-kraft with conf/jvm/start-kraft.options, as bin/start-kraft runs it. */
        final Runs aq = new Runs();
        /** start-kraft with the JVM's defaults (the heap only): the node before issue 16's JVM options. */
        final Runs aqDefaults = new Runs();
        final Runs kafka = new Runs();
    }
}
