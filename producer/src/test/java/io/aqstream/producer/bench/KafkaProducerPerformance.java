package io.aqstream.producer.bench;

import io.aqstream.producer.replay.ProducerSettings;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kafka's own {@code org.apache.kafka.tools.ProducerPerformance} (kafka-tools 4.3.1, the last one
 * published) in a child JVM on a classpath of its own, resolved by bench/kafka-perf/pom.xml: kafka-tools
 * and its kafka-clients 4.3.1 must never meet the project's 4.4.0 classes, so this is not
 * {@code JavaProcess}, which reuses the current classpath.
 *
 * <p>It gets the replay's producer configuration ({@link ProducerSettings#forReplay}: acks=all,
 * idempotence, gzip, batch.size, linger.ms, transaction timeout) through {@code --command-config}, and
 * transactions through {@code --transactional-id} and {@code --transaction-duration-ms}: the tool
 * commits by time, not by count, so the caller picks the duration that matches its batch size.
 */
final class KafkaProducerPerformance {
    static final String MAIN = "org.apache.kafka.tools.ProducerPerformance";
    /** The final summary: "N records sent, X records/sec (...), ... ms 99.9th." (window lines lack the percentiles). */
    private static final Pattern TOTAL = Pattern.compile(
            "^(\\d+) records sent, ([0-9.]+) records/sec .*99\\.9th\\.\\s*$", Pattern.MULTILINE);

    private final String classpath;

    private KafkaProducerPerformance(String classpath) {
        this.classpath = classpath;
    }

    /**
     * The tool on the classpath written by {@code mvn -f bench/kafka-perf/pom.xml dependency:build-classpath},
     * or null (with the reason on stderr) when that file is missing or empty: the reference is run
     * "where it can run", and the rest of the benchmark goes on without it.
     */
    static KafkaProducerPerformance fromClasspathFile(String file) {
        if (file == null || file.isBlank()) {
            return null;
        }
        try {
            String cp = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
            return cp.contains("kafka-tools") ? new KafkaProducerPerformance(cp) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Records/s of the tool's final summary line. */
    double run(String bootstrap, String topic, Path payload, long records, long transactionMs, Path work)
            throws Exception {
        Path config = work.resolve(topic + ".properties");
        Properties client = new Properties();
        client.put("bootstrap.servers", bootstrap);
        try (Writer w = Files.newBufferedWriter(config, StandardCharsets.ISO_8859_1)) {
            ProducerSettings.forReplay(client, topic, "gzip", 1).store(w, "bench/producer: the replay's settings");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        // As the plain loop's child JVM: the JVM's defaults (G1, which Kafka's scripts pick too), and -Xmx3g for the payloads.
        cmd.addAll(List.of("-Xmx3g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
        cmd.addAll(List.of("-cp", classpath, MAIN));
        cmd.addAll(List.of("--bootstrap-server", bootstrap, "--topic", topic,
                "--num-records", Long.toString(records), "--throughput", "-1",
                "--payload-file", payload.toString(), "--command-config", config.toString(),
                "--transactional-id", topic, "--transaction-duration-ms", Long.toString(transactionMs),
                "--reporting-interval", "600000"));
        Path out = work.resolve(topic + ".out");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly().waitFor();
            throw new IllegalStateException("ProducerPerformance did not finish in 30 minutes; see " + out);
        }
        String text = Files.readString(out, StandardCharsets.UTF_8);
        Matcher m = TOTAL.matcher(text);
        if (p.exitValue() != 0 || !m.find()) {
            throw new IllegalStateException("ProducerPerformance failed (exit " + p.exitValue() + "):\n" + text);
        }
        if (Long.parseLong(m.group(1)) != records) {
            throw new IllegalStateException("ProducerPerformance sent " + m.group(1) + " of " + records + " records");
        }
        return Double.parseDouble(m.group(2));
    }
}
