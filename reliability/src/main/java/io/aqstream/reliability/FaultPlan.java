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
 * @param nodeKills         SIGKILLs of the KRaft node, at random instants of the replay, each followed by a restart
 * @param batchSize         the producers' --batch-size (rows per transaction)
 * @param seed              seeds the data and the kill instants
 * @param workDir           node data, CSV files, Parquet output and logs of the run (deleted first)
 */
record FaultPlan(int stations, int hoursPerStation, int replaySeconds, double consumerKillEvery, int minConsumerKills,
        int producerKills,
        int nodeKills, int batchSize, long seed, Path workDir) {

    long rows() {
        return (long) stations * hoursPerStation;
    }

    /** bin/produce --speed: data seconds per wall-clock second, so that the replay lasts replaySeconds. */
    long speed() {
        return Math.max(1, (long) hoursPerStation * 3600 / replaySeconds);
    }
}
