package io.aqstream.testkit;

import io.aqstream.kraft.NodeProcess;
import io.aqstream.kraft.StartKraft;
import io.aqstream.kraft.secure.SecureFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A real single KRaft node (broker + controller) for tests, run by the project's own launcher
 * ({@link StartKraft}, the main of bin/start-kraft) in a child JVM, on free 127.0.0.1 ports, with its
 * data in {@code dir/data} and its logs in {@code dir/logs} (server.log: the broker; node.out: the
 * launcher's own output). {@link #start} returns once the node accepts requests and the topics of
 * conf/topics.conf exist. Share one node per test class: a start takes a few seconds. In a JUnit test,
 * {@link WithKraftNode} does that and hands the node over as a parameter:
 *
 * <pre>{@code
 * @WithKraftNode
 * class SomeTest {
 *     @Test
 *     void something(KraftTestNode node) { ... new KafkaProducer<>(node.clientProperties(), ...) ... }
 * }
 * }</pre>
 *
 * <p>Elsewhere (benchmarks, the fault-injection tool): {@code try (KraftTestNode node = KraftTestNode.start(dir)) {...}}.
 */
public final class KraftTestNode implements AutoCloseable {
    /** Guards against a hung start only; never a performance expectation. */
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    private final Path dir;
    private final int clientPort;
    private final int controllerPort;
    private final boolean secure;
    /** The node's --metrics-port; 0 for none. The secure node serves its metrics, which read over TLS. */
    private int metricsPort;
    private NodeProcess process;

    private KraftTestNode(Path dir, int clientPort, int controllerPort, boolean secure) {
        this.dir = dir.toAbsolutePath();
        this.clientPort = clientPort;
        this.controllerPort = controllerPort;
        this.secure = secure;
    }

    /**
     * Starts a node with its data in {@code dir} (created if needed) and waits until it is ready:
     * it accepts requests and air-quality-data (3 partitions), its dead-letter topic and the replay
     * checkpoint topic exist.
     */
    public static KraftTestNode start(Path dir) {
        int[] ports = freePorts(2);
        KraftTestNode node = new KraftTestNode(dir, ports[0], ports[1], false);
        node.launch();
        return node;
    }

    /**
     * As {@link #start}, with {@code bin/start-kraft --secure}: SASL_SSL on the client port, users, ACLs; the
     * role files are in {@link #secureDir()}.
     */
    public static KraftTestNode startSecure(Path dir) {
        // The certificates first, outside the node's ready timeout: keytool is several JVM starts, slow on a
        // loaded machine. The node then finds them made, as on every start after a project's first.
        SecureFiles.prepare(dir.toAbsolutePath().resolve("secure"));
        int[] ports = freePorts(3);
        KraftTestNode node = new KraftTestNode(dir, ports[0], ports[1], true);
        node.metricsPort = ports[2];
        node.launch();
        return node;
    }

    /** The secure profile's folder (data/secure of a real project): ROLE.properties, ROLE.librdkafka.conf, ca.pem. */
    public Path secureDir() {
        return dir.resolve("secure");
    }

    /** The port of the node's Prometheus metrics ({@code --metrics-port}); only the secure node has one. */
    public int metricsPort() {
        if (metricsPort == 0) {
            throw new IllegalStateException("this test node serves no metrics: only startSecure gives it a --metrics-port");
        }
        return metricsPort;
    }

    /** {@code 127.0.0.1:PORT} of the client listener. */
    public String bootstrapServers() {
        return "127.0.0.1:" + clientPort;
    }

    /** Client properties for this node: {@code bootstrap.servers} only. */
    public Properties clientProperties() {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers());
        return props;
    }

    /** The cluster id printed in the node's ready line (kept across restarts). */
    public String clusterId() {
        return running().ready().clusterId();
    }

    /** The node's pid. */
    public long pid() {
        return running().pid();
    }

    /** The node's data dir (Kafka's log.dirs). */
    public Path dataDir() {
        return dir.resolve("data");
    }

    /** The node's log folder: server.log (broker) and node.out (launcher output). */
    public Path logsDir() {
        return dir.resolve("logs");
    }

    /**
     * {@code --config} and {@code --override}s that name this node's configuration, for the project's
     * node commands run by a test (bin/stop-kraft, bin/reset-kraft, bin/start-over find the node by them).
     */
    public List<String> configArguments() {
        List<String> args = new ArrayList<>();
        args.add("--config");
        args.add(RepoFiles.root().resolve("conf").resolve("server.properties").toString());
        override(args, "log.dirs", dataDir().toString());
        override(args, "listeners", "PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        override(args, "controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        return args;
    }

    /** SIGKILL: the node dies at once, without a clean shutdown, as on a crash or power cut. */
    public void killHard() {
        if (process != null) {
            try {
                process.kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while killing the node", e);
            }
        }
    }

    /** Starts the node again on the same data and ports (stopping it cleanly first if it still runs), and waits until it is ready. */
    public void restart() {
        if (process != null && process.isAlive()) {
            close();
        }
        launch();
    }

    /** Stops the node cleanly (SIGTERM, as bin/stop-kraft does) and waits until its process is gone. */
    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            try {
                process.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while stopping the node", e);
            }
        }
    }

    private NodeProcess running() {
        if (process == null) {
            throw new IllegalStateException("the node is not started");
        }
        return process;
    }

    private void launch() {
        try {
            Files.createDirectories(logsDir());
            Path output = logsDir().resolve("node.out");
            long outputStart = Files.exists(output) ? Files.size(output) : 0;
            ProcessBuilder builder = JavaProcess.builder(StartKraft.class, logsDir(), List.of(), arguments())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
            try {
                process = NodeProcess.start(builder, dir.resolve("ready"), READY_TIMEOUT);
            } catch (NodeProcess.NodeStartException e) {
                throw new IllegalStateException("KRaft test node in " + dir + ": " + e.getMessage() + "; its output:\n"
                        + outputSince(output, outputStart) + "(broker log: " + logsDir().resolve("server.log") + ")", e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a KRaft test node in " + dir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the node", e);
        }
    }

    private List<String> arguments() {
        List<String> args = configArguments();
        args.add("--topics");
        args.add(RepoFiles.root().resolve("conf").resolve("topics.conf").toString());
        if (secure) {
            args.add("--secure");
            args.add("--secure-dir");
            args.add(secureDir().toString());
        }
        if (metricsPort != 0) {
            args.add("--metrics-port");
            args.add(Integer.toString(metricsPort));
        }
        // A node must not outlive this JVM, even when the test run is killed before close().
        args.add("--stop-with-parent");
        args.add(Long.toString(ProcessHandle.current().pid()));
        return args;
    }

    private static void override(List<String> args, String key, String value) {
        args.add("--override");
        args.add(key + "=" + value);
    }

    private static String outputSince(Path output, long start) {
        try {
            byte[] all = Files.readAllBytes(output);
            int from = (int) Math.min(start, all.length);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")\n";
        }
    }

    /** Ports that were free a moment ago (bound together so they differ), for listeners. */
    public static int[] freePorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                sockets.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("no free local port", e);
        } finally {
            for (ServerSocket s : sockets) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // nothing to do
                }
            }
        }
    }
}
