package io.aqstream.benchkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The "overview" section at the top of docs/benchmarks.md, written by bench/run once every benchmark
 * has run: machine, date, the command, how long the whole run took, and one line per benchmark with its
 * outcome and a link to the section it wrote. bench/run runs it the way bench/node-startup runs
 * NodeStartupBenchmark: on bin/'s runtime classpath plus benchkit's classes (bench/lib/benchkit.sh), both
 * built by the same build as bin/.
 *
 * <p>Args: COMMAND TOTAL_SECONDS then one NAME=STATUS:SECONDS per benchmark, in run order, where STATUS
 * is {@code ok}, {@code failed-N} (exit code N) or {@code skipped}. The file is {@code aq.home}/docs/benchmarks.md.
 */
public final class BenchmarkOverview {
    private static final Pattern RESULT = Pattern.compile("([a-z0-9-]+)=(ok|failed-\\d+|skipped):(\\d+)");
    private static final Pattern HEADING = Pattern.compile("^## (.+)$", Pattern.MULTILINE);

    /** What each benchmark compares, and the section markers it may write (the first found wins). */
    private static final Map<String, Benchmark> KNOWN = Map.of(
            "node-startup", new Benchmark("start-up and restart to ready, idle RSS, vs Kafka's own `kafka.Kafka`",
                    List.of("node")),
            "producer", new Benchmark("bin/produce full speed vs a plain `KafkaProducer` loop and vs Kafka's"
                    + " `ProducerPerformance`; peak RSS", List.of("producer")),
            "consumer", new Benchmark("bin/consume into Parquet vs a bare parquet-avro writer; commit-to-visible"
                    + " latency; peak RSS", List.of("consumer")),
            "end-to-end", new Benchmark("CSV to rows visible in processed_data/: throughput, p50/p99 latency,"
                    + " peak RSS", List.of("end-to-end", "e2e", "end_to_end")),
            "cluster", new Benchmark("the 3-node cluster vs the single node: replay throughput, broker SIGKILL to the"
                    + " producer's next commit, peak RSS per node", List.of("cluster")),
            "stations", new Benchmark("the 12 Beijing files in one bin/produce vs a plain transactional loop and vs 12"
                    + " processes, peak RSS, CPU, draining with 1, 3 and 4 consumers", List.of("stations")),
            "report", new Benchmark("bin/aq-report time and peak RSS on UCI, Beijing and 10,000,000 generated rows",
                    List.of("report")));

    private BenchmarkOverview() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: BenchmarkOverview COMMAND TOTAL_SECONDS NAME=STATUS:SECONDS...");
            System.exit(2);
        }
        Path home = Paths.get(System.getProperty("aq.home", ".")).toAbsolutePath().normalize();
        Path doc = home.resolve("docs/benchmarks.md");
        String text = Files.exists(doc) ? Files.readString(doc, StandardCharsets.UTF_8) : "";
        StringBuilder s = new StringBuilder();
        s.append("## Overview\n\n");
        s.append("`").append(args[0]).append("` ran the benchmarks below, one after the other, on ")
                .append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")))
                .append(" in ").append(duration(Long.parseLong(args[1]))).append(" in all: ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores (").append(MachineInfo.cpuModel())
                .append("), ").append(MachineInfo.totalMemoryGiB()).append(" GiB RAM, Java ")
                .append(System.getProperty("java.version")).append(", Kafka ").append(kafkaVersion())
                .append(". Each writes its own section; every figure there is a ratio against a reference measured")
                .append(" in the same run on the same machine, a median of several runs, with every run listed.")
                .append(" Benchmarks report, they never gate: no test asserts a timing.\n\n");
        s.append("| benchmark | what it measures | this run | time |\n");
        s.append("| --- | --- | --- | --- |\n");
        for (int i = 2; i < args.length; i++) {
            Matcher m = RESULT.matcher(args[i]);
            if (!m.matches()) {
                throw new IllegalArgumentException("not NAME=STATUS:SECONDS: " + args[i]);
            }
            s.append(row(m.group(1), m.group(2), Long.parseLong(m.group(3)), text)).append('\n');
        }
        s.append("\nA failed or skipped benchmark leaves its section as an earlier run wrote it (see the date in")
                .append(" that section). Rerun all: `bench/run`; one: `bench/NAME`.\n");
        MarkdownSection.replace(doc, "overview", s.toString());
        System.err.println("Written to docs/benchmarks.md (overview section).");
    }

    private static String row(String name, String status, long seconds, String doc) {
        Benchmark b = KNOWN.getOrDefault(name, new Benchmark("", List.of(name)));
        String link = link(b.markers(), doc);
        String what = (link == null ? "" : link + ": ") + b.what();
        String outcome;
        if (status.equals("ok")) {
            outcome = "ok";
        } else if (status.equals("skipped")) {
            outcome = "skipped: `bench/" + name + "` is not there (yet)";
        } else {
            outcome = "**failed** (exit " + status.substring("failed-".length()) + "), figures not updated";
        }
        return "| `bench/" + name + "` | " + what + " | " + outcome + " | "
                + (status.equals("skipped") ? "-" : duration(seconds)) + " |";
    }

    /** A Markdown link to the first "## " heading inside the benchmark's section, or null if it has none yet. */
    private static String link(List<String> markers, String doc) {
        for (String marker : markers) {
            int b = doc.indexOf("<!-- BEGIN " + marker + " -->");
            int e = doc.indexOf("<!-- END " + marker + " -->");
            if (b >= 0 && e > b) {
                Matcher h = HEADING.matcher(doc.substring(b, e));
                if (h.find()) {
                    String heading = h.group(1).strip();
                    return "[" + heading + "](#" + anchor(heading) + ")";
                }
            }
        }
        return null;
    }

    /** The version of the Kafka jars on the classpath, from the file Kafka itself reads it from. */
    private static String kafkaVersion() {
        Properties p = new Properties();
        try (InputStream in = BenchmarkOverview.class.getResourceAsStream("/kafka/kafka-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // unknown below
        }
        return p.getProperty("version", "(unknown version)");
    }

    /** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
    static String anchor(String heading) {
        return heading.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + " s";
        }
        long h = seconds / 3600;
        long min = seconds % 3600 / 60;
        long s = seconds % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d h %02d min", h, min)
                : String.format(Locale.ROOT, "%d min %02d s", min, s);
    }

    private record Benchmark(String what, List<String> markers) {
    }
}
