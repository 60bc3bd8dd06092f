package io.aqstream.e2e.bench;

import io.aqstream.consumer.ConsumeCommand;
import io.aqstream.testkit.JavaProcess;
import io.aqstream.testkit.MetricsEndpoint;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One bin/consume: a JVM running the real main ({@link ConsumeCommand}) with bin/consume's JVM options
 * (conf/jvm/consume.options). It is ready once it has its partitions: its
 * --metrics-port then serves a lag sample per assigned partition (published after the first poll).
 */
final class ConsumerProcess implements AutoCloseable {
    static final List<String> JVM_OPTIONS = JavaProcess.commandOptions("consume");
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);

    private final Process process;
    private final Path output;
    private final Path folder;
    private final int metricsPort;

    private ConsumerProcess(Process process, Path output, Path folder, int metricsPort) {
        this.process = process;
        this.output = output;
        this.folder = folder;
        this.metricsPort = metricsPort;
    }

    /**
     * @param extraArgs e.g. --roll-interval 1 --idle-flush 1
     */
    static ConsumerProcess start(String bootstrap, String topic, Path outputDir, List<String> extraArgs, Path logs)
            throws IOException {
        Files.createDirectories(logs);
        int port = MetricsEndpoint.freePort();
        List<String> args = new ArrayList<>(List.of("--bootstrap-server", bootstrap, "--topic", topic,
                "--group", "bench-" + topic, "--output", outputDir.toString(), "--progress", "0",
                "--metrics-port", Integer.toString(port),
                // A safety net only: the benchmark stops it with SIGTERM once every row is visible.
                "--stop-after-idle", "120"));
        args.addAll(extraArgs);
        Path out = logs.resolve(topic + "-consume.out");
        Process p = JavaProcess.builder(ConsumeCommand.class, logs, JVM_OPTIONS, args)
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        return new ConsumerProcess(p, out, outputDir.resolve(topic), port);
    }

    long pid() {
        return process.pid();
    }

    /** OUTPUT/TOPIC: where its Parquet files appear. */
    Path folder() {
        return folder;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path log() {
        return output;
    }

    /** Waits until it has its partitions. @return System.nanoTime() when that was seen */
    long awaitReady() throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("bin/consume exited (" + process.exitValue() + ") before it was ready; see "
                        + output);
            }
            try {
                String body = http.send(get, HttpResponse.BodyHandlers.ofString()).body();
                if (body.contains("\naq_consumer_lag{")) {
                    return System.nanoTime();
                }
            } catch (IOException notYetListening) {
                // JVM still starting
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("bin/consume did not get its partitions within " + READY_TIMEOUT + "; see " + output);
    }

    /** SIGTERM, as Ctrl-C: it finishes and commits its open files, then exits. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
    }
}
