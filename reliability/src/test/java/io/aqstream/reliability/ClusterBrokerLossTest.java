package io.aqstream.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqstream.common.Topics;
import io.aqstream.common.cli.CommandRunner;
import io.aqstream.consumer.ConsumeCommand;
import io.aqstream.producer.GenerateCommand;
import io.aqstream.producer.ProduceCommand;
import io.aqstream.testkit.KraftTestCluster;
import io.aqstream.testkit.WithKraftCluster;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once on the 3-node cluster when brokers are lost: under one running replay and consumer (neither
 * is restarted), one broker SIGKILLed, rows committed without it, then it comes back and the other two are
 * restarted one at a time (a rolling restart); and two brokers down (the producer says so in bounded time,
 * keeps its position, and completes exactly once after they return). Checked by this module's own verifier,
 * which shares no code with the producer or the consumer.
 */
@WithKraftCluster
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterBrokerLossTest {
    /** Guards against hangs only. */
    private static final long GUARD_MILLIS = TimeUnit.MINUTES.toMillis(5);

    @TempDir
    static Path dir;
    static Path csvDir;
    static List<Row> expected;

    @BeforeAll
    static void generate() throws Exception {
        csvDir = dir.resolve("csv");
        Files.createDirectories(csvDir);
        StringWriter err = new StringWriter();
        int code = CommandRunner.run(new GenerateCommand(), new String[] {"--stations", "1", "--hours", "6000",
            "--seed", "13", "-o", csvDir.resolve("station-13.csv").toString()}, new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals(0, code, err.toString());
        expected = ExpectedRows.read(csvDir);
    }

    @Test
    @Order(1)
    void oneBrokerSigkilledThenARollingRestartDuringOneReplayNothingElseRestartedAndEveryRowLandsOnce(
            KraftTestCluster cluster) throws Exception {
        Path output = dir.resolve("processed_data");
        Path logs = dir.resolve("logs");
        Path csv = ExpectedRows.csvFiles(csvDir).get(0);
        // No --bootstrap-server beyond the cluster's list: node 1, killed below, is the first address. The consumer
        // runs until every row is in its files and is then stopped as a user does (Ctrl-C): an idle timeout would
        // have to outlast the stall after the kill, which on a loaded machine has no known bound.
        ChildProcess consumer = new ChildProcess("consumer", ConsumeCommand.class, List.of("--bootstrap-server",
                cluster.bootstrapServers(), "--output", output.toString(), "--roll-interval", "2", "--idle-flush", "1"),
                logs);
        // About 100 rows a second for a minute: the replay is still running when the broker dies, while leadership
        // moves, and through the restarts (one case for both, since each costs a replay and a cluster's recovery).
        ChildProcess producer = new ChildProcess("producer", ProduceCommand.class, List.of(csv.toString(),
                "--bootstrap-server", cluster.bootstrapServers(), "--speed", "360000", "--batch-size", "100", "--wait-for-broker", "120s"), logs);
        consumer.start();
        producer.start();
        awaitCommittedRows(cluster, producer, 200);
        long killedAt = System.currentTimeMillis();
        cluster.killHard(1);
        // Rows are committed while node 1 is gone: the replay goes on with two of three (min ISR 2).
        long beforeKill = committedRows(cluster);
        awaitCommittedRows(cluster, producer, beforeKill + 200);
        long degradedMillis = System.currentTimeMillis() - killedAt;
        // Node 1 back, then the other two one at a time, each ready before the next goes: the way to upgrade
        // or reconfigure.
        cluster.start(1);
        for (int node = 2; node <= KraftTestCluster.SIZE; node++) {
            cluster.stop(node);
            cluster.start(node);
        }
        boolean replayOutlivedRestarts = producer.isAlive();

        assertTrue(producer.awaitExit(GUARD_MILLIS), "the producer hung");
        assertEquals(0, producer.exitCode(), Files.readString(producer.lastOutput()));
        long producerDone = System.currentTimeMillis();
        long filesDeadline = producerDone + GUARD_MILLIS;
        while (ParquetFolderReader.rowCount(output.resolve(Topics.DATA)) < expected.size()) {
            assertTrue(consumer.isAlive(), "the consumer ended: " + Files.readString(consumer.lastOutput()));
            assertTrue(System.currentTimeMillis() < filesDeadline, "the rows did not reach the files");
            Thread.sleep(300);
        }
        consumer.sigterm();
        // SIGTERM: the consumer's shutdown hook finishes and commits its files (its summary is printed), then the
        // JVM ends with 128 + 15 (Ctrl-C, SIGINT, would be 130).
        assertEquals(128 + 15, consumer.exitCode(), Files.readString(consumer.lastOutput()));
        assertTrue(Files.readString(consumer.lastOutput()).contains("rows written:    " + expected.size()),
                Files.readString(consumer.lastOutput()));
        assertEquals(1, producer.runs());
        assertEquals(1, consumer.runs());
        // Figures for the reader of the test output, never asserted (whether the replay outlived the restarts
        // depends on the machine's speed; exactly once is asserted either way).
        System.out.printf("broker 1 SIGKILLed; 200 rows committed without it after %d ms; replay still running after"
                + " the rolling restart: %s; producer done %d ms after the kill, consumer %d ms; producer output:%n%s%n",
                degradedMillis, replayOutlivedRestarts, producerDone - killedAt, System.currentTimeMillis() - killedAt,
                Files.readString(producer.lastOutput()));

        Reconciliation topic = Reconciliation.of("topic (read_committed)", expected,
                TopicReader.readCommitted(cluster.bootstrapServers(), Topics.DATA).rows());
        assertTrue(topic.exactlyOnce(), topic.summary());
        Reconciliation files = Reconciliation.of("Parquet files", expected,
                ParquetFolderReader.readAll(output.resolve(Topics.DATA)));
        assertTrue(files.exactlyOnce(), files.summary());
    }

    private static void awaitCommittedRows(KraftTestCluster cluster, ChildProcess producer, long rows) throws Exception {
        long deadline = System.currentTimeMillis() + GUARD_MILLIS;
        while (committedRows(cluster) < rows) {
            assertTrue(producer.isAlive(), "the producer ended early: " + Files.readString(producer.lastOutput()));
            assertTrue(System.currentTimeMillis() < deadline, rows + " rows not visible");
            Thread.sleep(300);
        }
    }

    private static long committedRows(KraftTestCluster cluster) {
        return TopicReader.readCommitted(cluster.bootstrapServers(), Topics.DATA).rows().size();
    }

    @Test
    @Order(2)
    void twoBrokersDownTheProducerSaysSoKeepsItsPositionAndFinishesExactlyOnce(KraftTestCluster cluster) throws Exception {
        Path otherCsvDir = dir.resolve("csv-two-down");
        Files.createDirectories(otherCsvDir);
        Path csv = otherCsvDir.resolve("station-17.csv");
        StringWriter err = new StringWriter();
        assertEquals(0, CommandRunner.run(new GenerateCommand(), new String[] {"--stations", "1", "--hours", "2000",
            "--seed", "17", "-o", csv.toString()}, new PrintWriter(new StringWriter()), new PrintWriter(err)), err.toString());
        List<Row> rows = ExpectedRows.read(otherCsvDir);
        Path logs = dir.resolve("logs");
        ChildProcess producer = new ChildProcess("producer-two-down", ProduceCommand.class, List.of(csv.toString(),
                "--bootstrap-server", cluster.bootstrapServers(), "--speed", "540000", "--batch-size", "100", "--wait-for-broker", "120s"), logs);
        producer.start();
        long deadline = System.currentTimeMillis() + GUARD_MILLIS;
        while (stationRows(cluster, rows) < 200) {
            assertTrue(producer.isAlive(), "the producer ended early: " + Files.readString(producer.lastOutput()));
            assertTrue(System.currentTimeMillis() < deadline, "200 rows not visible");
            Thread.sleep(300);
        }
        long killedAt = System.currentTimeMillis();
        cluster.killHard(2);
        cluster.killHard(3);
        // The producer says what is wrong while it still waits (never silent until Kafka's own timeouts).
        while (!Files.readString(producer.lastOutput()).contains("warning: no write has completed")) {
            assertTrue(producer.isAlive(), "the producer ended before saying why: " + Files.readString(producer.lastOutput()));
            assertTrue(System.currentTimeMillis() < deadline, "no warning: " + Files.readString(producer.lastOutput()));
            Thread.sleep(200);
        }
        long warnedAfter = System.currentTimeMillis() - killedAt;
        String warning = Files.readString(producer.lastOutput()).lines()
                .filter(l -> l.startsWith("warning: no write has completed")).findFirst().orElseThrow();
        assertTrue(warning.contains("2 brokers of 3 (node 2, node 3) do not answer"), warning);
        assertTrue(warning.contains("bin/start-kraft --node 2"), warning);
        cluster.start(2, 3);
        // Back in time, it goes on by itself; otherwise it stopped with exit 4 and the same command continues.
        assertTrue(producer.awaitExit(GUARD_MILLIS), "the producer hung");
        String firstRun = Files.readString(producer.lastOutput());
        if (producer.exitCode() != 0) {
            assertEquals(4, producer.exitCode(), firstRun);
            producer.start();
            assertTrue(producer.awaitExit(GUARD_MILLIS), "the rerun hung");
            assertEquals(0, producer.exitCode(), Files.readString(producer.lastOutput()));
        }
        System.out.printf("two brokers SIGKILLed; warning after %d ms; %s; first run's output:%n%s%n", warnedAfter,
                producer.runs() == 1 ? "the replay went on by itself" : "a rerun completed it", firstRun);
        Reconciliation topic = Reconciliation.of("topic (read_committed)", rows, TopicReader.readCommitted(
                cluster.bootstrapServers(), Topics.DATA).rows().stream().filter(r -> rows.get(0).station().equals(r.station())).toList());
        assertTrue(topic.exactlyOnce(), topic.summary());
    }

    /** Every node runs again before the next case, even after a case that failed half way. */
    @AfterEach
    void everyNodeBack(KraftTestCluster cluster) {
        cluster.startStopped();
    }

    private static long stationRows(KraftTestCluster cluster, List<Row> rows) {
        String station = rows.get(0).station();
        return TopicReader.readCommitted(cluster.bootstrapServers(), Topics.DATA).rows().stream()
                .filter(r -> station.equals(r.station())).count();
    }
}
