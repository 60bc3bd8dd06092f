package io.aqstream.testkit;

import io.aqstream.kraft.ProcessExit;
import io.aqstream.kraft.StartKraft;
import io.aqstream.kraft.StopKraft;
import io.aqstream.kraft.secure.SecureFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real local cluster of three KRaft nodes for tests, started by the project's own commands in child
 * JVMs ({@code start-kraft --nodes 3 --daemon}, {@code stop-kraft}, {@code start-kraft --node N}), on
 * six consecutive free 127.0.0.1 ports, with its data in {@code dir/data/nodeN} and its logs in
 * {@code dir/logs} ({@code nodeN/server.log}, and each command's output in {@code command-K-Name.out}).
 * {@link #start} returns once all three brokers are registered and the topics of conf/topics.conf exist
 * with replication factor 3. In a JUnit test, {@link WithKraftCluster} hands one over as a parameter:
 *
 * <pre>{@code
 * @WithKraftCluster
 * class SomeTest {
 *     @Test
 *     void something(KraftTestCluster cluster) { ... cluster.killHard(2) ... cluster.start(2) ... }
 * }
 * }</pre>
 */
public final class KraftTestCluster implements AutoCloseable {
    public static final int SIZE = 3;
    private static final Pattern READY = Pattern.compile("KRaft cluster ready: bootstrap.servers=(\\S+) cluster.id=(\\S+)");

    private static final java.util.concurrent.atomic.AtomicInteger COMMANDS = new java.util.concurrent.atomic.AtomicInteger();

    private final Path dir;
    private final int basePort;
    private final boolean secure;
    private String clusterId;

    private KraftTestCluster(Path dir, int basePort, boolean secure) {
        this.dir = dir.toAbsolutePath();
        this.basePort = basePort;
        this.secure = secure;
    }

    /** Starts the three nodes with their data in {@code dir} and waits until the cluster is ready. */
    public static KraftTestCluster start(Path dir) {
        return start(new KraftTestCluster(dir, freeBasePort(), false));
    }

    /**
     * As {@link #start}, with {@code bin/start-kraft --nodes 3 --secure}: SASL_SSL on every client port, users,
     * ACLs; the role files (naming all three nodes) are in {@link #secureDir()}. Every node command of this
     * cluster is then given --secure.
     */
    public static KraftTestCluster startSecure(Path dir) {
        // The certificates first, outside the nodes' ready timeout: keytool is several JVM starts.
        SecureFiles.prepare(dir.toAbsolutePath().resolve("secure"));
        return start(new KraftTestCluster(dir, freeBasePort(), true));
    }

    private static KraftTestCluster start(KraftTestCluster cluster) {
        String out = cluster.run(StartKraft.class, List.of("--nodes", "3", "--daemon", "--topics",
                RepoFiles.root().resolve("conf/topics.conf").toString()), true);
        Matcher m = READY.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no ready line from the test cluster in " + cluster.dir + ":\n" + out);
        }
        cluster.clusterId = m.group(2);
        return cluster;
    }

    /** {@code 127.0.0.1:P1,127.0.0.1:P2,127.0.0.1:P3}: every node's client listener. */
    public String bootstrapServers() {
        StringJoiner list = new StringJoiner(",");
        for (int n = 1; n <= SIZE; n++) {
            list.add(bootstrapServers(n));
        }
        return list.toString();
    }

    /** Node {@code n}'s client listener alone. */
    public String bootstrapServers(int node) {
        return "127.0.0.1:" + (basePort + 2 * node);
    }

    /** Client properties for the whole cluster: {@code bootstrap.servers} only. */
    public Properties clientProperties() {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers());
        return props;
    }

    /** The secure profile's folder (data/secure of a real project): ROLE.properties, ROLE.librdkafka.conf, ca.pem. */
    public Path secureDir() {
        return dir.resolve("secure");
    }

    public String clusterId() {
        return clusterId;
    }

    public Path dataDir(int node) {
        return dir.resolve("data").resolve("node" + node);
    }

    public Path logsDir() {
        return dir.resolve("logs");
    }

    /** The pid of node {@code n} while it runs (from its pid file), else -1. */
    public long pid(int node) {
        try {
            long pid = Long.parseLong(Files.readString(dataDir(node).resolve("aq-kraft.pid"), StandardCharsets.US_ASCII).trim());
            return ProcessExit.ended(pid) ? -1 : pid;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /**
     * {@code --config} and {@code --override}s (node 1's listeners place all three) that name this cluster, for the project's
     * node commands run by a test (add {@code --nodes 3} or {@code --node N}).
     */
    public List<String> configArguments() {
        return new ArrayList<>(List.of("--config", RepoFiles.root().resolve("conf/cluster.properties").toString(),
                "--override", "log.dirs=" + dir.resolve("data"), "--override", "listeners=PLAINTEXT://127.0.0.1:"
                        + (basePort + 2) + ",CONTROLLER://127.0.0.1:" + (basePort + 3)));
    }

    /** SIGKILL of node {@code n}: it dies at once, as on a crash. */
    public void killHard(int node) {
        long pid = pid(node);
        if (pid <= 0) {
            return;
        }
        ProcessHandle.of(pid).ifPresent(h -> {
            h.destroyForcibly();
            try {
                h.onExit().get(1, TimeUnit.MINUTES);
            } catch (Exception e) {
                throw new IllegalStateException("node " + node + " (pid " + pid + ") did not die", e);
            }
        });
    }

    /** {@code stop-kraft --node N}: a clean stop of one node. */
    public void stop(int node) {
        run(StopKraft.class, List.of("--node", Integer.toString(node)), false);
    }

    /**
     * {@code start-kraft --node N --daemon} for each node given, all at once (each in its own command, as a
     * user with several terminals would): the nodes back on their data; returns once every one is ready.
     */
    public void start(int... nodes) {
        List<java.util.concurrent.CompletableFuture<String>> starts = new ArrayList<>();
        for (int node : nodes) {
            starts.add(java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> run(StartKraft.class, List.of("--node", Integer.toString(node), "--daemon"), true),
                    runnable -> new Thread(runnable, "start-node-" + node).start()));
        }
        try {
            for (java.util.concurrent.CompletableFuture<String> start : starts) {
                start.join();
            }
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /**
     * Starts every node that does not run (after a test that killed or stopped some, even one that failed half
     * way), so that the next test of the class gets the whole cluster.
     */
    public void startStopped() {
        start(java.util.stream.IntStream.rangeClosed(1, SIZE).filter(n -> pid(n) == -1).toArray());
    }

    /** {@code stop-kraft --nodes 3}: the project's clean stop of every running node; returns its output. */
    public String stopAll() {
        return run(StopKraft.class, List.of("--nodes", "3"), false);
    }

    /**
     * Ends the test cluster: SIGKILL of every node, since a test's cluster data is thrown away with its folder
     * and a clean stop of three nodes costs seconds per test class (the last one waits for a controller majority
     * that has gone). The project's own clean stop is tested where it is the subject (KraftTestClusterTest).
     */
    @Override
    public void close() {
        for (int n = 1; n <= SIZE; n++) {
            killHard(n);
        }
    }

    /** Runs a node command to its end; returns its output, or throws with it when it fails. */
    private String run(Class<?> main, List<String> args, boolean watchThisJvm) {
        List<String> all = new ArrayList<>(args);
        all.addAll(configArguments());
        if (secure && main == StartKraft.class) {
            all.addAll(List.of("--secure", "--secure-dir", secureDir().toString()));
        }
        if (watchThisJvm) {
            // No node outlives this JVM, even when the test run is killed before close().
            all.add("--stop-with-parent");
            all.add(Long.toString(ProcessHandle.current().pid()));
        }
        try {
            Files.createDirectories(logsDir());
            // One file per command: nodes may be started in parallel.
            Path output = logsDir().resolve("command-" + COMMANDS.incrementAndGet() + "-" + main.getSimpleName() + ".out");
            // aq.home: the nodes read their heap from conf/jvm/cluster-node.options, as for a user.
            Process p = JavaProcess.builder(main, logsDir(), List.of("-Daq.home=" + RepoFiles.root()), all)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            p.getOutputStream().close();
            int code = p.waitFor();
            String text = Files.readString(output, StandardCharsets.UTF_8);
            if (code != 0) {
                throw new IllegalStateException(main.getSimpleName() + " " + args + " on the test cluster in " + dir
                        + " exited with " + code + ":\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + main.getSimpleName() + " for the test cluster in " + dir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * A base port B such that B+2 .. B+7 (three nodes, two listeners each) were all free a moment ago: node 1's
     * listeners go on B+2 and B+3, and the cluster places nodes 2 and 3 after them. Drawn below the kernel's
     * ephemeral range (32768 and up on Linux): while a node is down, the others keep connecting to its controller
     * port, and a connection to a free port inside that range can get that very port as its own source port
     * (a TCP self-connect), which then holds it, so the node could not start again. Seen once in a
     * fault-injection run; the project's own ports (9092-9097) are outside the range too.
     */
    public static int freeBasePort() {
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = 20_000 + 8 * random.nextInt((32_700 - 20_000) / 8);
            if (allFree(base + 2, base + 2 * SIZE + 1)) {
                return base;
            }
        }
        throw new IllegalStateException("no block of " + 2 * SIZE + " free local ports between 20000 and 32700");
    }

    private static boolean allFree(int from, int to) {
        for (int port = from; port <= to; port++) {
            try (ServerSocket s = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
                s.setReuseAddress(true);
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }
}
