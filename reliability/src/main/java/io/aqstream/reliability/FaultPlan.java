package io.aqstream.reliability;

import java.nio.file.Path;

/**
 * What one fault-injection run does: how much data, how long the replay is paced to last, and how often
 * each part is killed. The instants themselves are drawn at random from {@code seed}.
 *
 * @param stations          generated station files, one producer process each
 * @param hoursPerStation   rows per station (one per hour)
 * @param replaySeconds     the producers' pace: the whole replay is meant to take about this long
 * @param consumerKillEvery mean seconds from a consumer run starting to consume to its SIGKILL (uniformly
 *                          0.2..1.8 x); a quarter of the runs are killed during start-up instead
 * @param minConsumerKills  the consumer keeps being killed until this many kills, even when the producers
 *                          are done (so a fast machine cannot skip them)
 * @param producerKills     SIGKILLs of a randomly chosen running producer, at random instants of the replay
 * @param nodeKills         SIGKILLs of a KRaft node, at random instants of the replay, each followed by a restart; on the
 *                          cluster a random node, never while another one is down
 * @param batchSize         the producers' --batch-size (rows per transaction)
 * @param seed              seeds the data and the kill instants
 * @param workDir           node data, CSV files, Parquet output and logs of the run (deleted first)
 * @param nodes             1: the single node; 3: the local cluster (replication factor 3, min ISR 2)
 * @param twoDownEpisodes   cluster only: times two nodes are SIGKILLed together (no quorum, no acks=all write),
 *                          at random instants, apart from the single kills
 * @param twoDownSeconds    how long the two nodes stay down before both are started again
 */
record FaultPlan(int stations, int hoursPerStation, int replaySeconds, double consumerKillEvery, int minConsumerKills,
        int producerKills,
        int nodeKills, int batchSize, long seed, Path workDir, int nodes, int twoDownEpisodes, int twoDownSeconds) {

    /** A run against the single node. */
    FaultPlan(int stations, int hoursPerStation, int replaySeconds, double consumerKillEvery, int minConsumerKills,
            int producerKills, int nodeKills, int batchSize, long seed, Path workDir) {
        this(stations, hoursPerStation, replaySeconds, consumerKillEvery, minConsumerKills, producerKills, nodeKills,
                batchSize, seed, workDir, 1, 0, 0);
    }

    long rows() {
        return (long) stations * hoursPerStation;
    }

    /** bin/produce --speed: data seconds per wall-clock second, so that the replay lasts replaySeconds. */
    long speed() {
        return Math.max(1, (long) hoursPerStation * 3600 / replaySeconds);
    }
}
