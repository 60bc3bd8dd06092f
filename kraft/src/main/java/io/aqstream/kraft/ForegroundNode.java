package io.aqstream.kraft;

import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.GracefulStop;
import io.aqstream.common.cli.UserException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.utils.internals.Exit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the node in this JVM until it is stopped: lock the data dir, format once, start the server,
 * create missing topics, print the ready line, wait. Ctrl-C or SIGTERM runs the shutdown hook, which
 * stops the server cleanly before the JVM exits.
 */
final class ForegroundNode {
    private static final Logger LOG = LoggerFactory.getLogger(ForegroundNode.class);

    private final NodeConfig config;
    private final List<TopicSpec> topics;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Path readyFile;
    private final Runnable onReady;
    private final NodeSecurity security;

    ForegroundNode(NodeConfig config, NodeSecurity security, List<TopicSpec> topics, PrintWriter out, PrintWriter err,
            Path readyFile, Runnable onReady) {
        this.onReady = onReady;
        this.security = security;
        this.config = config;
        this.topics = topics;
        this.out = out;
        this.err = err;
        this.readyFile = readyFile;
    }

    int run() throws Exception {
        logPhase("configuration read and checked");
        NodeLock lock = NodeLock.acquire(config);
        Storage.Formatted storage;
        EmbeddedNode node;
        try {
            Storage.checkProfile(config, security);
            storage = Storage.formatIfNeeded(config, security);
            if (storage.created()) {
                err.println("Formatted new storage in " + config.metadataLogDir() + " with cluster id "
                        + storage.clusterId() + " (kept from now on; bin/reset-kraft starts afresh).");
            } else {
                err.println("Using the storage in " + config.metadataLogDir() + " (cluster id " + storage.clusterId() + ").");
            }
            err.println("Starting the KRaft node (broker + controller); its log is " + StartKraft.logsDir().resolve("server.log"));
            err.flush();
            logPhase("storage ready");
            node = EmbeddedNode.create(config);
        } catch (UserException e) {
            lock.close();
            throw e;
        } catch (RuntimeException e) {
            LOG.error("Opening the storage failed", e);
            lock.close();
            throw StartKraft.startFailed(e);
        }
        reportFatalExits();
        // Ctrl-C or SIGTERM: stop(...) is the whole clean stop (it waits for the node), so nothing more to wait for.
        GracefulStop graceful = GracefulStop.install("aq-kraft-shutdown", Duration.ZERO, () -> stop(node, lock));
        TopicCreator.warmUp(config.bootstrapServers());
        try {
            node.startup();
        } catch (RuntimeException e) {
            LOG.error("Start-up failed", e);
            if (!graceful.done()) {
                return ExitCodes.INTERRUPTED; // Ctrl-C during start-up: the hook stops the node
            }
            stopQuietly(node);
            lock.close();
            throw StartKraft.startFailed(e);
        }
        logPhase("server started");
        TopicCreator.ensure(config.bootstrapServers(), security.adminClientProperties(), topics, err);
        logPhase("topics ready");
        security.afterStart(config.bootstrapServers(), config.metadataLogDir(), err);
        ReadyFile ready = new ReadyFile(config.bootstrapServers(), storage.clusterId(), ProcessHandle.current().pid(),
                config.metadataLogDir().toString());
        LOG.info(ready.readyLine());
        onReady.run();
        out.println(ready.readyLine());
        out.flush();
        CoordinatorWarmUp.startInBackground(config.bootstrapServers(), security.adminClientProperties());
        if (readyFile != null) {
            ready.write(readyFile);
        } else {
            err.println("Press Ctrl-C to stop the node (or run bin/stop-kraft in another terminal).");
            err.flush();
        }
        node.awaitShutdown();
        return 0;
    }

    /** Start-up phases with the time since the JVM started, in server.log: where a slow start spends its time. */
    private static void logPhase(String phase) {
        LOG.info("Start-up: {} at {} ms after JVM start", phase, ManagementFactory.getRuntimeMXBean().getUptime());
    }

    private void stop(EmbeddedNode node, NodeLock lock) {
        System.err.println("Stopping the KRaft node...");
        try {
            node.shutdown();
            node.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.error("Error while stopping the node", e);
        } finally {
            lock.close();
        }
        LOG.info("KRaft node stopped");
        System.err.println("KRaft node stopped.");
    }

    private static void stopQuietly(EmbeddedNode node) {
        try {
            node.shutdown();
        } catch (RuntimeException e) {
            LOG.warn("Error while stopping after a failed start", e);
        }
    }

    /**
     * Kafka ends the JVM itself on fatal errors (Exit.exit / Exit.halt). Keep that behaviour (the
     * node must not limp on), but say so on stderr: otherwise the terminal just returns, silently.
     */
    private static void reportFatalExits() {
        String log = StartKraft.logsDir().resolve("server.log").toString();
        Exit.setExitProcedure((code, message) -> {
            System.err.println("error: the Kafka node stopped on a fatal error (exit code " + code + ")"
                    + (message == null ? "" : ": " + message) + ". Details in " + log + ".");
            System.exit(code);
        });
        Exit.setHaltProcedure((code, message) -> {
            System.err.println("error: the Kafka node halted on a fatal error (exit code " + code + ")"
                    + (message == null ? "" : ": " + message) + ". Details in " + log + ".");
            Runtime.getRuntime().halt(code);
        });
    }
}
