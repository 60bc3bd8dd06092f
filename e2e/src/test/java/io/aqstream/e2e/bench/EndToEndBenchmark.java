package io.aqstream.e2e.bench;

import io.aqstream.benchkit.MachineInfo;
import io.aqstream.testkit.KraftTestNode;
import io.aqstream.testkit.RepoFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * bench/end-to-end: CSV → Kafka → rows visible in processed_data/, with every part a real process: a KRaft
 * node of its own ({@link KraftTestNode}, free ports), one bin/produce JVM per generated station file and
 * one bin/consume JVM (their real mains). Measures
 * <ol>
 *   <li>throughput: producers at --speed max into a topic a ready consumer drains, from starting the
 *       producers to the last row visible (counted from Parquet footers); as a ratio to the slower of the
 *       two stages measured alone in the same round (producers alone into a topic, then a consumer alone
 *       draining it): how well the stages overlap; repeated, medians;</li>
 *   <li>latency: paced producers (--speed N), p50/p99 from commit (the producers' committed-line gauge,
 *       scraped, see {@link CommitClock}) to visible (the folder, watched, see {@link VisibilityClock});</li>
 *   <li>peak RSS (VmHWM) of node, producers and consumer;</li>
 *   <li>a big generated replay (10M rows by default) on a fresh node: peak RSS at 10%, 50%, 100% of the
 *       rows visible, total time, and a final check that the Parquet holds as many rows as were sent.</li>
 * </ol>
 * Writes the "end-to-end" section of docs/benchmarks.md. Sizes: see {@link BenchSizes}.
 */
public final class EndToEndBenchmark {
    private static final int PARTITIONS = 3; // as air-quality-data in conf/topics.conf
    /** Fails a phase whose visible row count does not move for this long (a hung run, not a slow one). */
    private static final long STALL_NANOS = 300_000_000_000L;

    private final BenchSizes sizes;
    private final Path work;

    private EndToEndBenchmark(BenchSizes sizes, Path work) {
        this.sizes = sizes;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        BenchSizes sizes = BenchSizes.fromSystemProperties();
        Path root = RepoFiles.root();
        Path work = root.resolve("bench/out/end-to-end");
        deleteRecursively(work);
        Files.createDirectories(work);
        log("sizes: " + sizes.asOptions());
        String loadBefore = MachineInfo.loadAverage();
        new EndToEndBenchmark(sizes, work).run(root, loadBefore);
    }

    private void run(Path root, String loadBefore) throws Exception {
        List<Results.Throughput> rounds = new ArrayList<>();
        Results.Latency latency;
        try (KraftTestNode node = KraftTestNode.start(work.resolve("node"))) {
            log("node up at " + node.bootstrapServers());
            List<Path> csvs = StationFiles.generate(work.resolve("csv-throughput"), sizes.stations(),
                    sizes.rows() / sizes.stations());
            long rows = (sizes.rows() / sizes.stations()) * sizes.stations();
            for (int i = 1; i <= sizes.repeats(); i++) {
                Results.Throughput r = throughputRound(node, csvs, rows, i);
                rounds.add(r);
                log(String.format(Locale.ROOT, "round %d: producers alone %.1f s, consumer alone %.1f s, pipeline %.1f s"
                        + " (%,.0f rows/s), overlap %.2f; peak RSS node %d MB, producer %d MB, consumer %d MB", i,
                        r.producerSeconds(), r.consumerSeconds(), r.pipelineSeconds(), rows / r.pipelineSeconds(),
                        r.overlap(), r.nodeMb(), r.producerMb(), r.consumerMb()));
            }
            latency = latency(node);
            log(String.format(Locale.ROOT, "latency over %,d rows: p50 %d ms, p99 %d ms, max %d ms (error bound ~%.0f ms;"
                    + " scrape round trip p50 %.1f ms, p99 %.1f ms)", latency.sortedMs().length, latency.percentile(50),
                    latency.percentile(99), latency.max(), latency.medianErrorMs(), latency.scrapeP50Ms(),
                    latency.scrapeP99Ms()));
        }
        Results.BigReplay big = null;
        if (sizes.bigRows() > 0) {
            try (KraftTestNode node = KraftTestNode.start(work.resolve("node-big"))) {
                log("fresh node for the big replay at " + node.bootstrapServers());
                big = bigReplay(node);
            }
        }
        Path doc = root.resolve(sizes.doc());
        EndToEndSection.write(doc, sizes, rounds, latency, big, loadBefore, MachineInfo.loadAverage());
        log("wrote the end-to-end section of " + doc);
        if (big != null && !big.verified()) {
            log("FAILED: the big replay's Parquet row count does not match the rows sent");
            System.exit(6);
        }
    }

    // ---------------------------------------------------------------------------------------- throughput

    private Results.Throughput throughputRound(KraftTestNode node, List<Path> csvs, long rows, int round) throws Exception {
        String alone = "e2e-alone-" + round;
        String pipe = "e2e-pipeline-" + round;
        createTopics(node, alone, pipe);
        Path logs = work.resolve("logs");

        // 1. The producers alone: spawn to the last one's exit (all rows committed), JVM start-up included,
        // as it is in the pipeline run.
        long p0 = System.nanoTime();
        ProducerFleet alonePro = ProducerFleet.start(csvs, node.bootstrapServers(), alone, "max", sizes.batchSize(), null, logs);
        long sent = alonePro.awaitRowsSent(120);
        double producerSeconds = (System.nanoTime() - p0) / 1e9;
        check(sent == rows, "producers alone sent " + sent + " rows, expected " + rows);

        // 2. A consumer alone drains that topic: from having its partitions to the last row visible. Its JVM
        // start and group join are left out, as in the pipeline run, where it is ready before the producers start.
        double consumerSeconds;
        try (ConsumerProcess consumer = ConsumerProcess.start(node.bootstrapServers(), alone, work.resolve("out"),
                List.of("--idle-flush", "1"), logs)) {
            long ready = consumer.awaitReady();
            long end = awaitVisible(new VisibleRowCounter(consumer.folder()), rows, null, consumer, c -> { });
            consumerSeconds = (end - ready) / 1e9;
        }

        // 3. The pipeline: a ready consumer, then the producers; to the last row visible.
        try (RssPeaks rss = new RssPeaks();
                ConsumerProcess consumer = ConsumerProcess.start(node.bootstrapServers(), pipe, work.resolve("out"),
                        List.of("--idle-flush", "1"), logs)) {
            rss.track("node", node.pid());
            rss.track("consumer", consumer.pid());
            consumer.awaitReady();
            long t0 = System.nanoTime();
            ProducerFleet fleet = ProducerFleet.start(csvs, node.bootstrapServers(), pipe, "max", sizes.batchSize(), null, logs);
            fleet.processes().forEach(p -> rss.track("producer", p.pid()));
            VisibleRowCounter counter = new VisibleRowCounter(consumer.folder());
            long end = awaitVisible(counter, rows, fleet, consumer, c -> { });
            double pipelineSeconds = (end - t0) / 1e9;
            check(fleet.awaitRowsSent(10) == rows, "pipeline producers sent a wrong number of rows");
            rss.sampleNow();
            return new Results.Throughput(rows, producerSeconds, consumerSeconds, pipelineSeconds, rss.peakMb("node"),
                    rss.peakMb("producer"), rss.peakMb("consumer"), counter.files());
        }
    }

    // ------------------------------------------------------------------------------------------- latency

    private Results.Latency latency(KraftTestNode node) throws Exception {
        String topic = "e2e-latency";
        createTopics(node, topic);
        int perStation = sizes.rate() / sizes.stations();
        long speed = 3600L * perStation; // hourly rows: N rows/s per station = 3600 N times real time
        long warmLines = (long) perStation * sizes.warmupSeconds();
        long hours = warmLines + (long) perStation * sizes.seconds();
        List<Path> csvs = StationFiles.generate(work.resolve("csv-latency"), sizes.stations(), hours);
        Path logs = work.resolve("logs");
        log(String.format(Locale.ROOT, "latency: %d producers at --speed %d (%d rows/s each) for %d s, first %d s left out",
                sizes.stations(), speed, perStation, sizes.warmupSeconds() + sizes.seconds(), sizes.warmupSeconds()));
        try (RssPeaks rss = new RssPeaks();
                ConsumerProcess consumer = ConsumerProcess.start(node.bootstrapServers(), topic, work.resolve("out"),
                        List.of("--roll-interval", "1", "--idle-flush", "1"), logs)) {
            rss.track("node", node.pid());
            rss.track("consumer", consumer.pid());
            consumer.awaitReady();
            int[] ports = KraftTestNode.freePorts(sizes.stations());
            List<String> stations = csvs.stream().map(StationFiles::stationOf).toList();
            List<Integer> portList = Arrays.stream(ports).boxed().toList();
            try (VisibilityClock visible = new VisibilityClock(consumer.folder(), sizes.intervalMs());
                    CommitClock commits = new CommitClock(stations, portList, sizes.intervalMs())) {
                ProducerFleet fleet = ProducerFleet.start(csvs, node.bootstrapServers(), topic, Long.toString(speed),
                        ProduceDefaults.BATCH_SIZE, ports, logs);
                fleet.processes().forEach(p -> rss.track("producer", p.pid()));
                long sent = fleet.awaitRowsSent(30);
                long total = hours * sizes.stations();
                check(sent == total, "latency producers sent " + sent + " rows, expected " + total);
                long deadline = System.nanoTime() + 120_000_000_000L;
                while (visible.rowsSeen() < total && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                check(visible.rowsSeen() >= total, "only " + visible.rowsSeen() + " of " + total
                        + " rows became visible; see " + consumer.log());
                rss.sampleNow();
                return latencies(stations, hours, warmLines, commits, visible, perStation, speed, rss);
            }
        }
    }

    private Results.Latency latencies(List<String> stations, long hours, long warmLines, CommitClock commits,
            VisibilityClock visible, int perStation, long speed, RssPeaks rss) {
        List<Long> ms = new ArrayList<>();
        List<Double> errors = new ArrayList<>();
        long unobserved = 0;
        java.util.Set<String> commitWindows = new java.util.HashSet<>();
        for (String station : stations) {
            for (long h = warmLines; h < hours; h++) {
                long line = h + 2;
                long[] c = commits.window(station, line);
                long[] v = visible.window(station, line);
                if (c == null || v == null) {
                    unobserved++;
                    continue;
                }
                commitWindows.add(station + "|" + c[0]);
                double commitMid = (c[0] + c[1]) / 2.0;
                double visibleMid = (v[0] + v[1]) / 2.0;
                ms.add(Math.round((visibleMid - commitMid) / 1e6));
                errors.add(((c[1] - c[0]) + (v[1] - v[0])) / 2.0 / 1e6);
            }
        }
        long[] sorted = ms.stream().mapToLong(Long::longValue).sorted().toArray();
        double medianError = errors.isEmpty() ? 0 : Results.median(errors.stream().mapToDouble(Double::doubleValue).toArray());
        return new Results.Latency(sorted, warmLines * stations.size(), unobserved, medianError, visible.duplicates(),
                perStation, stations.size(), speed, commitWindows.size(), commits.scrapes(), commits.roundTripMs(50), commits.roundTripMs(99), rss.peakMb("node"),
                rss.peakMb("producer"), rss.peakMb("consumer"));
    }

    // ---------------------------------------------------------------------------------------- big replay

    private Results.BigReplay bigReplay(KraftTestNode node) throws Exception {
        String topic = "e2e-big";
        createTopics(node, topic);
        long hours = sizes.bigRows() / sizes.stations();
        long rows = hours * sizes.stations();
        Path csvDir = work.resolve("csv-big");
        long g0 = System.nanoTime();
        List<Path> csvs = StationFiles.generate(csvDir, sizes.stations(), hours);
        log(String.format(Locale.ROOT, "big replay: generated %,d rows in %.0f s; replaying with --batch-size %d",
                rows, (System.nanoTime() - g0) / 1e9, sizes.bigBatchSize()));
        Path logs = work.resolve("logs");
        List<Results.Milestone> milestones = new ArrayList<>();
        int[] percents = {10, 50, 100};
        try (RssPeaks rss = new RssPeaks();
                PrintWriter samples = new PrintWriter(Files.newBufferedWriter(work.resolve("big-rss.csv"), StandardCharsets.UTF_8));
                ConsumerProcess consumer = ConsumerProcess.start(node.bootstrapServers(), topic, work.resolve("out"),
                        List.of("--idle-flush", "1"), logs)) {
            samples.println("seconds,rows_visible,node_rss_mb,node_peak_mb,producer_rss_mb,producer_peak_mb,"
                    + "consumer_rss_mb,consumer_peak_mb");
            rss.track("node", node.pid());
            rss.track("consumer", consumer.pid());
            consumer.awaitReady();
            long t0 = System.nanoTime();
            ProducerFleet fleet = ProducerFleet.start(csvs, node.bootstrapServers(), topic, "max", sizes.bigBatchSize(), null, logs);
            fleet.processes().forEach(p -> rss.track("producer", p.pid()));
            VisibleRowCounter counter = new VisibleRowCounter(consumer.folder());
            long[] nextSample = {t0};
            LongConsumer everyTick = visible -> {
                long now = System.nanoTime();
                while (milestones.size() < percents.length && visible * 100 >= rows * percents[milestones.size()]) {
                    rss.sampleNow();
                    milestones.add(new Results.Milestone(percents[milestones.size()], (now - t0) / 1e9, rss.peakMb("node"),
                            rss.peakMb("producer"), rss.peakMb("consumer")));
                }
                if (now >= nextSample[0]) {
                    nextSample[0] += 1_000_000_000L;
                    samples.printf(Locale.ROOT, "%.1f,%d,%d,%d,%d,%d,%d,%d%n", (now - t0) / 1e9, visible,
                            rss.currentMb("node"), rss.peakMb("node"), rss.currentMb("producer"), rss.peakMb("producer"),
                            rss.currentMb("consumer"), rss.peakMb("consumer"));
                    samples.flush();
                }
            };
            long end = awaitVisible(counter, rows, fleet, consumer, everyTick);
            everyTick.accept(rows);
            double seconds = (end - t0) / 1e9;
            long sent = fleet.awaitRowsSent(10);
            consumer.close();
            // The check: a fresh count of every visible file's footer, after the consumer has stopped.
            VisibleRowCounter recount = new VisibleRowCounter(consumer.folder());
            long inParquet = recount.count();
            log(String.format(Locale.ROOT, "big replay: %,d rows visible in %.1f s (%,.0f rows/s); sent %,d, in Parquet %,d"
                    + " (%d files)", rows, seconds, rows / seconds, sent, inParquet, recount.files()));
            deleteRecursively(csvDir); // about 130 bytes a row: not worth keeping
            return new Results.BigReplay(rows, sent, inParquet, recount.files(), seconds, milestones);
        }
    }

    // ------------------------------------------------------------------------------------------- helpers

    /**
     * Polls the folder every 50 ms until {@code expected} rows are visible. @return System.nanoTime() then
     */
    private static long awaitVisible(VisibleRowCounter counter, long expected, ProducerFleet fleet,
            ConsumerProcess consumer, LongConsumer everyTick) throws InterruptedException {
        long last = -1;
        long lastChange = System.nanoTime();
        while (true) {
            long visible = counter.count();
            long now = System.nanoTime();
            if (visible >= expected) {
                check(visible == expected, visible + " rows visible, more than the " + expected + " sent; see "
                        + consumer.folder());
                return now;
            }
            everyTick.accept(visible);
            if (visible != last) {
                last = visible;
                lastChange = now;
            } else if (now - lastChange > STALL_NANOS) {
                throw new IllegalStateException("stuck at " + visible + " of " + expected + " rows visible; see "
                        + consumer.log());
            }
            if (fleet != null && fleet.anyFailed()) {
                throw new IllegalStateException(fleet.describeFailures());
            }
            check(consumer.isAlive(), "bin/consume exited early; see " + consumer.log());
            Thread.sleep(50);
        }
    }

    private static void createTopics(KraftTestNode node, String... topics) throws Exception {
        try (Admin admin = Admin.create(node.clientProperties())) {
            admin.createTopics(Stream.of(topics).map(t -> new NewTopic(t, PARTITIONS, (short) 1)).toList()).all().get();
        }
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static void log(String message) {
        System.err.println("[bench/end-to-end " + java.time.LocalTime.now().withNano(0) + "] " + message);
    }

    /** bin/produce's defaults that the latency part keeps, as a user would. */
    static final class ProduceDefaults {
        static final int BATCH_SIZE = 100;

        private ProduceDefaults() {
        }
    }
}
