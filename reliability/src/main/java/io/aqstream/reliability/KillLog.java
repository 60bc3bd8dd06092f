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
    /** From starting the killed node again to it being ready, per kill. */
    final List<Long> nodeRestartMillis = new ArrayList<>();
    /** Exit codes of runs that ended without being killed, other than the producers' final success. */
    final TreeMap<String, Integer> unplannedExits = new TreeMap<>();
    /** The last consumer, which drains the topic, did not exit 0 (or hung): its output cannot be trusted. */
    boolean finalConsumerFailed;
    final List<String> events = new ArrayList<>();

    void unplannedExit(String who, int code) {
        unplannedExits.merge(who + " exit " + code, 1, Integer::sum);
    }

    void event(long millisSinceStart, String text) {
        events.add(String.format(java.util.Locale.ROOT, "%7.1f s  %s", millisSinceStart / 1000.0, text));
    }
}
