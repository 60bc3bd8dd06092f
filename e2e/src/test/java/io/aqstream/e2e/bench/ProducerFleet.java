package io.aqstream.e2e.bench;

import io.aqstream.producer.ProduceCommand;
import io.aqstream.testkit.JavaProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One bin/produce per station file, all started at once, each its own JVM running the real main
 * ({@link ProduceCommand}) with bin/produce's heap (-Xmx256m) and the JVM's default collector, as a
 * user with several stations runs them: one terminal (or background job) per station.
 */
final class ProducerFleet {
    /** bin/produce's AQ_DEFAULT_HEAP; -XX:-UseSerialGC undoes JavaProcess's test default, as bin/ does not set one. */
    static final List<String> JVM_OPTIONS = List.of("-XX:-UseSerialGC", "-Xmx256m");
    private static final Pattern SENT = Pattern.compile("rows sent:\\s+(\\d+)");

    private final List<Process> processes = new ArrayList<>();
    private final List<Path> outputs = new ArrayList<>();
    private final List<String> stations = new ArrayList<>();
    private final List<Integer> metricsPorts = new ArrayList<>();

    private ProducerFleet() {
    }

    /**
     * @param speed "max" or N (bin/produce --speed)
     * @param metricsPorts one --metrics-port per file, or null for none
     */
    static ProducerFleet start(List<Path> csvs, String bootstrap, String topic, String speed, int batchSize,
            int[] metricsPorts, Path logs) throws IOException {
        Files.createDirectories(logs);
        ProducerFleet fleet = new ProducerFleet();
        for (int i = 0; i < csvs.size(); i++) {
            Path csv = csvs.get(i);
            String station = StationFiles.stationOf(csv);
            List<String> args = new ArrayList<>(List.of(csv.toString(), "--bootstrap-server", bootstrap, "--topic", topic,
                    "--speed", speed, "--batch-size", Integer.toString(batchSize)));
            if (metricsPorts != null) {
                args.add("--metrics-port");
                args.add(Integer.toString(metricsPorts[i]));
                fleet.metricsPorts.add(metricsPorts[i]);
            }
            Path out = logs.resolve(topic + "-" + station + ".out");
            Process p = JavaProcess.builder(ProduceCommand.class, logs, JVM_OPTIONS, args)
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            fleet.processes.add(p);
            fleet.outputs.add(out);
            fleet.stations.add(station);
        }
        return fleet;
    }

    List<Process> processes() {
        return processes;
    }

    List<String> stations() {
        return stations;
    }

    List<Integer> metricsPorts() {
        return metricsPorts;
    }

    /** Whether one of them has already failed (exited with a non-zero status). */
    boolean anyFailed() {
        for (Process p : processes) {
            if (!p.isAlive() && p.exitValue() != 0) {
                return true;
            }
        }
        return false;
    }

    /** Waits until all have exited; fails unless all succeeded. @return the rows sent, from their summaries */
    long awaitRowsSent(long timeoutMinutes) throws IOException, InterruptedException {
        long sent = 0;
        for (int i = 0; i < processes.size(); i++) {
            Process p = processes.get(i);
            if (!p.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
                destroy();
                throw new IllegalStateException("bin/produce " + stations.get(i) + " did not finish in " + timeoutMinutes
                        + " min; see " + outputs.get(i));
            }
            String text = Files.readString(outputs.get(i));
            Matcher m = SENT.matcher(text);
            if (p.exitValue() != 0 || !m.find()) {
                throw new IllegalStateException("bin/produce " + stations.get(i) + " failed (exit " + p.exitValue()
                        + "):\n" + text);
            }
            sent += Long.parseLong(m.group(1));
        }
        return sent;
    }

    /** Failure report: which producer, where its output is. */
    String describeFailures() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < processes.size(); i++) {
            Process p = processes.get(i);
            if (!p.isAlive() && p.exitValue() != 0) {
                s.append("bin/produce ").append(stations.get(i)).append(" exited ").append(p.exitValue())
                        .append(", see ").append(outputs.get(i)).append('\n');
            }
        }
        return s.toString();
    }

    void destroy() {
        processes.forEach(Process::destroyForcibly);
    }
}
