package io.aqstream.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** What was done to the pipeline during a run, and what it did on its own (exits nobody asked for). */
final class KillLog {
    int consumerKills;
    /** Consumer kills during its start-up, recovery from the files or joining the group. */
    int consumerKillsStarting;
    /** Consumer kills that hit while a Parquet file was being written (an in-progress file existed). */
    int consumerKillsMidFile;
    int producerKills;
    int nodeKills;
    /** Cluster only: episodes of two nodes SIGKILLed together, held down, then both started again. */
    int twoDownEpisodes;
    /** Producer runs whose output says that no write completed for a while (the producer's write-stall warning). */
    int producerRunsThatWarned;
    /** From starting the killed node again to it being ready, per kill. */
    final List<Long> nodeRestartMillis = new ArrayList<>();
    /** Exit codes of runs that ended without being killed, other than the producers' final success. */
    final TreeMap<String, Integer> unplannedExits = new TreeMap<>();
    /** The last consumer, which drains the topic, did not exit 0 (or hung): its output cannot be trusted. */
    boolean finalConsumerFailed;
    /** Kill and restart events, in order; restarts of cluster nodes are logged from a background thread. */
    final List<String> events = new ArrayList<>();

    synchronized void unplannedExit(String who, int code) {
        unplannedExits.merge(who + " exit " + code, 1, Integer::sum);
    }

    synchronized void event(long millisSinceStart, String text) {
        events.add(String.format(java.util.Locale.ROOT, "%7.1f s  %s", millisSinceStart / 1000.0, text));
    }
}
