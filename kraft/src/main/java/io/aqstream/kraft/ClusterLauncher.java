package io.aqstream.kraft;

import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.GracefulStop;
import io.aqstream.common.cli.LocalCluster;
import io.aqstream.common.cli.UserException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * {@code start-kraft --nodes 3}: formats the cluster once, launches its three nodes together (each
 * {@code start-kraft --node N} in its own JVM: Kafka ends a JVM on fatal errors, and a node must be
 * killable alone), waits until all are ready and registered, creates the missing topics with the
 * profile's replication factor, records the address list for the other commands and prints one ready
 * line. With --daemon it returns then; otherwise it stays until Ctrl-C, which stops every node, or
 * until no node of the cluster runs any more.
 */
final class ClusterLauncher {
    private final NodeJvm jvm;
    private final ClusterLayout layout;
    private final NodeSecurity security;
    private final List<TopicSpec> topics;
    private final boolean daemon;
    private final Long parentPid;
    private final PrintWriter out;
    private final PrintWriter err;

    ClusterLauncher(NodeJvm jvm, ClusterLayout layout, NodeSecurity security, List<TopicSpec> topics, boolean daemon,
            Long parentPid, PrintWriter out, PrintWriter err) {
        this.jvm = jvm;
        this.layout = layout;
        this.security = security;
        this.topics = topics;
        this.daemon = daemon;
        this.parentPid = parentPid;
        this.out = out;
        this.err = err;
    }

    int run() throws IOException, InterruptedException {
        for (int n = 1; n <= layout.size(); n++) {
            Preflight.runClusterNode(layout, n, err);
        }
        Storage.Formatted storage = ClusterStorage.formatIfNeeded(layout, security);
        err.println((storage.created() ? "Formatted new storage for " + layout.size() + " nodes in " + layout.root()
                + " with cluster id " + storage.clusterId() + " (kept from now on; bin/reset-kraft starts afresh)."
                : "Using the storage in " + layout.root() + " (cluster id " + storage.clusterId() + ").")
                + " Starting " + layout.size() + " nodes; their logs are in " + StartKraft.logsDir().resolve("node1")
                + " to node" + layout.size() + ".");
        err.flush();
        List<NodeProcess> nodes = startAll();
        GracefulStop graceful = daemon ? null
                : GracefulStop.install("aq-kraft-cluster-shutdown", Duration.ZERO, this::stopAll);
        try {
            ClusterBrokers.awaitRegistered(layout.bootstrapServers(), security.adminClientProperties(), layout.size());
            TopicCreator.ensure(layout.bootstrapServers(), security.adminClientProperties(), topics, err);
            // Once for the whole cluster (the secure profile's ACLs): node 1's storage remembers it was done.
            security.afterStart(layout.bootstrapServers(), layout.nodeConfig(1).metadataLogDir(), err);
            LocalCluster.write(layout.root(), layout.bootstrapServers());
        } catch (IOException | RuntimeException e) {
            if (daemon) {
                stopAll();
            }
            throw e;
        }
        StringJoiner pids = new StringJoiner(", ");
        nodes.forEach(n -> pids.add(Long.toString(n.pid())));
        out.println("KRaft cluster ready: bootstrap.servers=" + layout.bootstrapServers() + " cluster.id="
                + storage.clusterId() + " (" + layout.size() + " nodes, pids " + pids + ", data " + layout.root() + ")");
        out.flush();
        if (daemon) {
            err.println("The nodes run in the background. Stop one with bin/stop-kraft --node N, all with bin/stop-kraft.");
            err.flush();
            return ExitCodes.OK;
        }
        err.println("Press Ctrl-C to stop the cluster (or run bin/stop-kraft in another terminal).");
        err.flush();
        // Nodes may be stopped and started one at a time meanwhile (--node N): the cluster is over when none runs.
        while (!ClusterStopper.runningPids(layout).isEmpty()) {
            Thread.sleep(500);
        }
        if (!graceful.done()) {
            return ExitCodes.INTERRUPTED;
        }
        LocalCluster.forget(layout.root());
        return ExitCodes.OK;
    }

    private List<NodeProcess> startAll() throws IOException, InterruptedException {
        List<Process> launched = new ArrayList<>();
        List<NodeProcess> ready = new ArrayList<>();
        try {
            for (int n = 1; n <= layout.size(); n++) {
                launched.add(NodeProcess.launch(builder(n), readyFile(n)));
            }
            for (int n = 1; n <= layout.size(); n++) {
                try {
                    ready.add(NodeProcess.awaitReady(launched.get(n - 1), readyFile(n), DaemonLauncher.READY_TIMEOUT));
                } catch (NodeProcess.NodeStartException e) {
                    String reason = errorLines(output(n));
                    int code = e.exitCode() > 0 && e.exitCode() < 128 ? e.exitCode() : ExitCodes.FAILURE;
                    throw new UserException(code, "node " + n + " of the cluster did not start: "
                            + (reason.isEmpty() ? e.getMessage() + ". See " + output(n) + "." : reason));
                } finally {
                    Files.deleteIfExists(readyFile(n));
                }
            }
            return ready;
        } catch (IOException | RuntimeException e) {
            for (Process p : launched) {
                p.destroy();
            }
            for (Process p : launched) {
                p.waitFor();
            }
            throw e;
        }
    }

    private ProcessBuilder builder(int node) throws IOException {
        Path output = output(node);
        Files.createDirectories(output.getParent());
        OutputRotation.rotate(output, OutputRotation.KEEP);
        List<String> args = new ArrayList<>(layout.nodeArgs(node));
        args.addAll(security.nodeArguments());
        // Foreground: the nodes end with this launcher, even when it is killed before it can stop them.
        Long watch = daemon ? parentPid : Long.valueOf(ProcessHandle.current().pid());
        if (watch != null) {
            args.add("--stop-with-parent");
            args.add(watch.toString());
        }
        return new ProcessBuilder(jvm.command(args, NodeJvm.clusterNodeOptions()))
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectOutput(ProcessBuilder.Redirect.to(output.toFile()))
                .redirectErrorStream(true);
    }

    private Path output(int node) {
        return StartKraft.logsDir().resolve("node" + node).resolve("server.out");
    }

    private Path readyFile(int node) {
        return layout.nodeDataDir(node).resolve("aq-kraft.ready");
    }

    private void stopAll() {
        try {
            ClusterStopper.stopAll(layout, DaemonLauncher.READY_TIMEOUT.toSeconds(), err);
            LocalCluster.forget(layout.root());
        } catch (IOException | InterruptedException | RuntimeException e) {
            System.err.println("error: stopping the cluster's nodes: " + e.getMessage());
        }
    }

    private static String errorLines(Path output) {
        try {
            StringBuilder errors = new StringBuilder();
            for (String line : Files.readString(output, StandardCharsets.UTF_8).split("\\R")) {
                if (line.startsWith("error: ")) {
                    errors.append(errors.length() == 0 ? "" : " ").append(line.substring(7));
                }
            }
            return errors.toString();
        } catch (IOException e) {
            return "";
        }
    }
}
