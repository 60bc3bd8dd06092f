package io.aqstream.reliability;

import io.aqstream.common.Topics;
import io.aqstream.common.cli.CommandRunner;
import io.aqstream.consumer.ConsumeCommand;
import io.aqstream.producer.GenerateCommand;
import io.aqstream.producer.ProduceCommand;
import io.aqstream.testkit.KraftTestNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * One fault-injection run. A real KRaft node (or the local 3-node cluster), one bin/produce process per generated station file and one
 * bin/consume process, all separate JVMs running the pipeline's own mains. While the paced replay runs,
 * the consumer is SIGKILLed at random instants and restarted, randomly chosen producers are SIGKILLed and
 * rerun, and nodes are SIGKILLed and restarted ({@link NodeKiller}). Any run that exits on its own with an error is counted
 * and started again, as a user would ("run the same command again"). When every producer has finished,
 * a last consumer drains the topic, and the verifier checks the topic and the files.
 */
final class FaultInjectionRun {
    /** Guards against a hang only; the figures never depend on it. */
    private static final long DRAIN_GUARD_MILLIS = 10 * 60_000L;
    private static final String GROUP = "aq-stream-fault-injection";

    private final FaultPlan plan;
    private final PrintWriter progress;
    /** One generator per part, so each part's sequence of choices depends on the seed only, not on timing. */
    private final Random nodeDice;
    private final Random producerDice;
    private final Random consumerDice;
    private final KillLog log = new KillLog();
    private long start;

    FaultInjectionRun(FaultPlan plan, PrintWriter progress) {
        this.plan = plan;
        this.progress = progress;
        this.nodeDice = new Random(plan.seed());
        this.producerDice = new Random(plan.seed() + 1);
        this.consumerDice = new Random(plan.seed() + 2);
    }

    Verdict run() throws IOException, InterruptedException {
        Path work = plan.workDir();
        deleteRecursively(work);
        Path csvDir = work.resolve("csv");
        Path output = work.resolve("processed_data");
        Path logs = work.resolve("logs");
        Files.createDirectories(csvDir);
        generate(csvDir);
        List<Row> expected = ExpectedRows.read(csvDir);
        say("generated %,d rows in %d station files under %s", expected.size(), plan.stations(), csvDir);

        start = System.currentTimeMillis();
        try (Brokers node = Brokers.start(plan.nodes(), work)) {
            say("%s ready at %s", plan.nodes() == 1 ? "node" : "cluster", node.bootstrapServers());
            Path clientConfig = Files.writeString(work.resolve("consumer.properties"),
                    "# A killed member keeps its partitions until its session times out: use the broker's minimum.\n"
                            + "session.timeout.ms=6000\nheartbeat.interval.ms=1000\n");
            ChildProcess consumer = new ChildProcess("consumer", ConsumeCommand.class, List.of(
                    "--bootstrap-server", node.bootstrapServers(), "--command-config", clientConfig.toString(),
                    "--group", GROUP, "--output", output.toString(), "--progress", "5",
                    // Small files and frequent commits: more commit boundaries for the kills to land near.
                    "--roll-records", "2000", "--roll-interval", "2", "--idle-flush", "1",
                    "--stop-after-idle", "3600"), logs);
            List<ChildProcess> producers = new ArrayList<>();
            for (Path csv : ExpectedRows.csvFiles(csvDir)) {
                String station = csv.getFileName().toString().replace(".csv", "");
                producers.add(new ChildProcess("produce-" + station, ProduceCommand.class, List.of(
                        csv.toString(), "--bootstrap-server", node.bootstrapServers(),
                        "--speed", Long.toString(plan.speed()), "--batch-size", Integer.toString(plan.batchSize()),
                        "--wait-for-broker", "120s"), logs));
            }
            producers.forEach(ChildProcess::start);
            NodeKiller killer = new NodeKiller(node, plan, nodeDice, log, text -> event("%s", text),
                    instants(plan.nodeKills(), nodeDice), instants(plan.twoDownEpisodes(), nodeDice));
            try {
                chaos(killer, consumer, producers, output);
                killer.awaitAllUp();
            } catch (RuntimeException | InterruptedException e) {
                // Nothing of a failed run outlives it (the nodes stop with the Brokers; these would not).
                for (ChildProcess p : producers) {
                    p.sigkill();
                }
                consumer.sigkill();
                throw e;
            }

            long rowsUnderFire = ParquetFolderReader.rowCount(output.resolve(Topics.DATA));
            say("every producer finished; %,d rows are in Parquet files; a last consumer drains the topic",
                    rowsUnderFire);
            consumer.sigkill();
            log.consumerKills++;
            ChildProcess drain = new ChildProcess("consumer-final", ConsumeCommand.class, List.of(
                    "--bootstrap-server", node.bootstrapServers(), "--command-config", clientConfig.toString(),
                    "--group", GROUP, "--output", output.toString(), "--roll-records", "2000", "--roll-interval", "2",
                    "--idle-flush", "1", "--stop-after-idle", "8"), logs);
            drain.start();
            if (!drain.awaitExit(DRAIN_GUARD_MILLIS) || drain.exitCode() != 0) {
                log.finalConsumerFailed = true;
                log.unplannedExit("final consumer", drain.exitCode() == null ? -1 : drain.exitCode());
            }
            long replayMillis = System.currentTimeMillis() - start;
            log.producerRunsThatWarned = runsThatSaid(logs, "produce-", "warning: no write has completed");
            say("verifying the topic (read_committed) and %s", output);
            TopicReader.Result topic = TopicReader.readCommitted(node.bootstrapServers(), Topics.DATA);
            List<Row> files = ParquetFolderReader.readAll(output.resolve(Topics.DATA));
            return new Verdict(plan, log, replayMillis, rowsUnderFire, Reconciliation.of("topic (read_committed)", expected,
                    topic.rows()), topic.undecodable(), topic.heldBack(),
                    Reconciliation.of("Parquet files", expected, files),
                    Reconciliation.positionDisagreements(topic.rows(), files),
                    ParquetFolderReader.visibleFiles(output.resolve(Topics.DATA)).size(),
                    ParquetFolderReader.hiddenFiles(output.resolve(Topics.DATA)).size(),
                    producers.stream().mapToInt(ChildProcess::runs).sum(), consumer.runs() + drain.runs());
        }
    }

    /** Kills and restarts until every producer has exited 0. */
    private void chaos(NodeKiller killer, ChildProcess consumer, List<ChildProcess> producers, Path output)
            throws InterruptedException {
        List<Long> producerKillAt = instants(plan.producerKills(), producerDice);
        ConsumerLife life = startConsumer(consumer);
        boolean[] done = new boolean[producers.size()];
        long guard = now() + plan.replaySeconds() * 4_000L + 10 * 60_000L;
        while (!allDone(done) || log.consumerKills < plan.minConsumerKills()) {
            if (now() > guard) {
                throw new IllegalStateException("the producers did not finish; see the logs in " + plan.workDir());
            }
            for (int i = 0; i < producers.size(); i++) {
                ChildProcess p = producers.get(i);
                Integer code = p.exitCode();
                if (!done[i] && code != null) {
                    if (code == 0) {
                        done[i] = true;
                        event("%s finished (run %d)", p.name(), p.runs());
                    } else {
                        log.unplannedExit("producer", code);
                        event("%s exited %d on its own: run it again", p.name(), code);
                        p.start();
                    }
                }
            }
            Integer consumerCode = consumer.exitCode();
            if (consumerCode != null) {
                log.unplannedExit("consumer", consumerCode);
                event("consumer exited %d on its own: start it again", consumerCode);
                life = startConsumer(consumer);
            }
            killer.tick(now());
            if (!producerKillAt.isEmpty() && now() >= producerKillAt.get(0)) {
                producerKillAt.remove(0);
                List<ChildProcess> running = producers.stream().filter(ChildProcess::isAlive).toList();
                if (!running.isEmpty()) {
                    ChildProcess victim = running.get(producerDice.nextInt(running.size()));
                    victim.sigkill();
                    log.producerKills++;
                    long pause = producerDice.nextInt(2_000);
                    event("SIGKILL %s (run %d); rerun in %d ms", victim.name(), victim.runs(), pause);
                    Thread.sleep(pause);
                    victim.start();
                }
            }
            if (life.killAt == 0 && !life.startupKill && now() >= life.nextProbe) {
                life.nextProbe = now() + 200;
                if (ConsumerProbe.consuming(life.metricsPort)) {
                    life.killAt = now() + consumerInterval();
                }
            }
            if (life.killAt != 0 && now() >= life.killAt) {
                boolean midFile = !ParquetFolderReader.hiddenFiles(output.resolve(Topics.DATA)).isEmpty();
                consumer.sigkill();
                log.consumerKills++;
                if (midFile) {
                    log.consumerKillsMidFile++;
                }
                if (life.startupKill) {
                    log.consumerKillsStarting++;
                }
                long pause = consumerDice.nextInt(1_000);
                event("SIGKILL consumer (run %d, %s%s); restart in %d ms", consumer.runs(),
                        life.startupKill ? "starting" : "consuming", midFile ? ", a file was in progress" : "", pause);
                Thread.sleep(pause);
                life = startConsumer(consumer);
            }
            Thread.sleep(50);
        }
    }

    /**
     * One run of the consumer and when it will be killed. A quarter of the runs are killed at a random
     * instant of their first 6 s (JVM start, recovery from the file names, joining the group); the others
     * at a random instant after they start consuming, so that most kills hit real work rather than a
     * consumer still waiting for its dead predecessor's session to time out.
     */
    private static final class ConsumerLife {
        int metricsPort;
        boolean startupKill;
        long killAt;
        long nextProbe;
    }

    private ConsumerLife startConsumer(ChildProcess consumer) {
        ConsumerLife life = new ConsumerLife();
        life.metricsPort = KraftTestNode.freePorts(1)[0];
        life.startupKill = consumerDice.nextDouble() < 0.25;
        consumer.start(List.of("--metrics-port", Integer.toString(life.metricsPort)));
        if (life.startupKill) {
            life.killAt = now() + 300 + consumerDice.nextInt(5_700);
        }
        return life;
    }

    /**
     * Instants (ms since the epoch) spread at random over 10%..85% of the planned replay, counted from now (the
     * replay starts once Kafka is ready: the cluster may take a minute to start on a loaded machine), in order.
     */
    private List<Long> instants(int count, Random random) {
        List<Long> at = new ArrayList<>();
        long span = plan.replaySeconds() * 1000L;
        long from = now();
        for (int i = 0; i < count; i++) {
            at.add(from + (long) (span * (0.10 + 0.75 * random.nextDouble())));
        }
        at.sort(Comparator.naturalOrder());
        return at;
    }

    private long consumerInterval() {
        return (long) (plan.consumerKillEvery() * 1000 * (0.2 + 1.6 * consumerDice.nextDouble()));
    }

    private void generate(Path csvDir) {
        StringWriter err = new StringWriter();
        int code = CommandRunner.run(new GenerateCommand(), new String[] {"--stations",
                Integer.toString(plan.stations()), "--hours", Integer.toString(plan.hoursPerStation()), "--seed",
                Long.toString(plan.seed()), "-o", csvDir.toString()}, new PrintWriter(new StringWriter()),
                new PrintWriter(err));
        if (code != 0) {
            throw new IllegalStateException("bin/generate failed: " + err);
        }
    }

    /** How many runs' output files (name starting with {@code prefix}) contain {@code text}. */
    private static int runsThatSaid(Path logs, String prefix, String text) throws IOException {
        try (Stream<Path> files = Files.list(logs)) {
            int count = 0;
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith(prefix)).toList()) {
                if (Files.readString(f).contains(text)) {
                    count++;
                }
            }
            return count;
        }
    }

    private static boolean allDone(boolean[] done) {
        for (boolean d : done) {
            if (!d) {
                return false;
            }
        }
        return true;
    }

    private static long now() {
        return System.currentTimeMillis();
    }

    private void event(String format, Object... args) {
        String text = String.format(java.util.Locale.ROOT, format, args);
        log.event(now() - start, text);
        say("%s", text);
    }

    private void say(String format, Object... args) {
        progress.printf(java.util.Locale.ROOT, "[%6.1f s] " + format + "%n",
                prepend(start == 0 ? 0 : (now() - start) / 1000.0, args));
        progress.flush();
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
