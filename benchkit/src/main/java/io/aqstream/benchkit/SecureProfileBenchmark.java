package io.aqstream.benchkit;

import io.aqstream.kraft.NodeProcess;
import io.aqstream.kraft.StartKraft;
import io.aqstream.kraft.secure.SecureFiles;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * bench/secure: what the secure profile costs, plaintext and {@code --secure} in the same run, alternating
 * round by round so background load hits both alike. Per round and profile: a node started on empty data
 * (cold: format, users, ACLs; the certificates exist already, made once before the rounds and timed
 * apart) and restarted on its data, both from process spawn to the ready line; then the real UCI file
 * replayed by bin/produce's main in its own JVM at {@code --speed max}, {@code --batch-size} 100 and
 * 10,000 (wall time of the process, JVM start included), the secure one as the producer role. Medians,
 * ratios secure / plaintext, every run listed. Writes the "secure" section of docs/benchmarks.md.
 */
public final class SecureProfileBenchmark {
    private static final Duration HANG_GUARD = Duration.ofMinutes(5);
    private static final List<Integer> BATCH_SIZES = List.of(100, 10_000);

    private final Path home;
    private final Path work;
    private final Path secureDir;
    private final List<String> jvmOptions;
    private final Map<String, List<Long>> runs = new LinkedHashMap<>();

    private SecureProfileBenchmark(Path home, Path work, List<String> jvmOptions) {
        this.home = home;
        this.work = work;
        this.secureDir = work.resolve("secure");
        this.jvmOptions = jvmOptions;
    }

    public static void main(String[] args) throws Exception {
        Path home = Paths.get(System.getProperty("aq.home", ".")).toAbsolutePath().normalize();
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Path work = home.resolve("bench/out/secure");
        deleteTree(work);
        Files.createDirectories(work);
        SecureProfileBenchmark bench = new SecureProfileBenchmark(home, work,
                List.of(System.getenv().getOrDefault("AQ_BENCH_NODE_HEAP", "-Xmx512m").split("\\s+")));
        String loadBefore = MachineInfo.loadAverage();
        long t0 = System.nanoTime();
        SecureFiles.prepare(bench.secureDir);
        long certificates = millisSince(t0);
        for (int i = 1; i <= rounds; i++) {
            System.err.printf("round %d/%d%n", i, rounds);
            bench.round("plaintext", i);
            bench.round("secure", i);
        }
        String table = bench.table(rounds, certificates, loadBefore, MachineInfo.loadAverage());
        System.out.println(table);
        MarkdownSection.replace(home.resolve("docs/benchmarks.md"), "secure", table);
        System.err.println("Written to docs/benchmarks.md (secure section). Work files: " + work);
    }

    private void round(String profile, int round) throws Exception {
        Path dir = work.resolve(profile + "-" + round);
        Files.createDirectories(dir);
        int[] ports = freePorts();
        List<String> cmd = BenchJvm.command(home, jvmOptions, List.of(), dir, StartKraft.class.getName());
        cmd.addAll(List.of("--config", home.resolve("conf/server.properties").toString(),
                "--override", "log.dirs=" + dir.resolve("data"),
                "--override", "listeners=PLAINTEXT://127.0.0.1:" + ports[0] + ",CONTROLLER://127.0.0.1:" + ports[1],
                "--override", "controller.quorum.bootstrap.servers=127.0.0.1:" + ports[1],
                "--topics", home.resolve("conf/topics.conf").toString(),
                "--stop-with-parent", Long.toString(ProcessHandle.current().pid())));
        boolean secure = profile.equals("secure");
        if (secure) {
            cmd.addAll(List.of("--secure", "--secure-dir", secureDir.toString()));
        }
        long t0 = System.nanoTime();
        NodeProcess node = NodeProcess.start(BenchJvm.builder(cmd, dir), dir.resolve("ready"), HANG_GUARD);
        record(profile + " cold start", millisSince(t0));
        node.stop();
        t0 = System.nanoTime();
        node = NodeProcess.start(BenchJvm.builder(cmd, dir), dir.resolve("ready"), HANG_GUARD);
        record(profile + " restart", millisSince(t0));
        try {
            for (int batch : BATCH_SIZES) {
                List<String> produce = BenchJvm.command(home, jvmOptions, List.of(), dir, "io.aqstream.producer.ProduceCommand");
                produce.addAll(List.of(home.resolve("data/AirQualityUCI.csv").toString(), "--speed", "max",
                        "--batch-size", Integer.toString(batch), "--replay-id", "aq-produce:bench-" + batch));
                if (secure) {
                    produce.addAll(List.of("--command-config", SecureFiles.roleProperties(secureDir, "producer").toString()));
                } else {
                    produce.addAll(List.of("--bootstrap-server", "127.0.0.1:" + ports[0]));
                }
                t0 = System.nanoTime();
                Process p = BenchJvm.builder(produce, dir).start();
                if (!p.waitFor(HANG_GUARD.toMinutes(), TimeUnit.MINUTES) || p.exitValue() != 0) {
                    p.destroyForcibly();
                    throw new IllegalStateException(profile + " replay at --batch-size " + batch + " failed; see "
                            + dir.resolve("node.out"));
                }
                record(profile + " replay batch " + batch, millisSince(t0));
            }
        } finally {
            node.stop();
        }
        System.err.println("  " + profile + ": " + runs.entrySet().stream().filter(e -> e.getKey().startsWith(profile))
                .map(e -> e.getKey() + " " + e.getValue().get(e.getValue().size() - 1) + " ms").toList());
    }

    private void record(String what, long millis) {
        runs.computeIfAbsent(what, k -> new ArrayList<>()).add(millis);
    }

    private String table(int rounds, long certificates, String loadBefore, String loadAfter) {
        StringBuilder t = new StringBuilder();
        t.append("## Secure profile\n\n");
        t.append("`bench/secure` (").append(rounds).append(" rounds, plaintext and `--secure` alternating; median of ")
                .append(rounds).append("). Ready = the ready line of bin/start-kraft (topics created; with --secure also"
                        + " users and ACLs). Replay = bin/produce's main on the real UCI file (9,357 rows) at --speed max in"
                        + " its own JVM, wall time including JVM start; secure: the producer role over SASL_SSL (SCRAM-SHA-512).\n\n");
        t.append("| | plaintext (ms) | --secure (ms) | ratio secure / plaintext |\n|---|---:|---:|---:|\n");
        String[] rows = {"cold start", "restart", "replay batch 100", "replay batch 10000"};
        String[] labels = {"start to ready, empty data", "start to ready, restart", "replay, --batch-size 100",
            "replay, --batch-size 10,000"};
        for (int i = 0; i < rows.length; i++) {
            long plain = median(runs.get("plaintext " + rows[i]));
            long secure = median(runs.get("secure " + rows[i]));
            t.append(String.format("| %s | %d | %d | %.2f |%n", labels[i], plain, secure, (double) secure / plain));
        }
        t.append("\nAll runs (ms): ");
        List<String> all = new ArrayList<>();
        runs.forEach((k, v) -> all.add(k + " " + v));
        t.append(String.join("; ", all)).append(".\n\n");
        t.append("Making the CA and node certificates with keytool (once per project, before the first secure start;"
                + " not in the times above): ").append(certificates).append(" ms.\n\n");
        t.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" CPUs, ")
                .append(MachineInfo.totalMemoryGiB()).append(" GiB memory, ").append(System.getProperty("java.vm.name"))
                .append(' ').append(System.getProperty("java.vm.version")).append("; load average before/after: ")
                .append(loadBefore).append(" / ").append(loadAfter).append(" (1, 5 and 15 minutes; above the benchmark's own JVMs, other work on the machine). Date: ")
                .append(Instant.now()).append(".\n");
        return t.toString();
    }

    private static long millisSince(long t0) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static int[] freePorts() throws IOException {
        try (ServerSocket a = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             ServerSocket b = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return new int[] {a.getLocalPort(), b.getLocalPort()};
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
