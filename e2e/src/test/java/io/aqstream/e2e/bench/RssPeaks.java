package io.aqstream.e2e.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Peak RSS per kind of process (node, producer, consumer) while a phase runs: a thread reads VmHWM of
 * every tracked pid every 100 ms and keeps each pid's last value, so a process that has exited keeps the
 * peak it reached (up to 100 ms before its end). A kind's peak is its largest process, not a sum.
 */
final class RssPeaks implements AutoCloseable {
    private final Map<Long, String> kindOfPid = new ConcurrentHashMap<>();
    private final Map<Long, Long> peakKbOfPid = new ConcurrentHashMap<>();
    private final Thread sampler;
    private volatile boolean running = true;

    RssPeaks() {
        sampler = new Thread(this::sampleUntilClosed, "rss-peaks");
        sampler.setDaemon(true);
        sampler.start();
    }

    void track(String kind, long pid) {
        kindOfPid.put(pid, kind);
        sample(pid);
    }

    /** Reads every tracked pid now (e.g. right before a phase ends). */
    void sampleNow() {
        kindOfPid.keySet().forEach(this::sample);
    }

    /** The largest VmHWM seen among the processes of this kind, in MB (0 when none was tracked). */
    long peakMb(String kind) {
        long kb = 0;
        for (Map.Entry<Long, String> e : kindOfPid.entrySet()) {
            if (e.getValue().equals(kind)) {
                kb = Math.max(kb, peakKbOfPid.getOrDefault(e.getKey(), 0L));
            }
        }
        return kb / 1024;
    }

    /** The largest current VmRSS among the live processes of this kind, in MB. */
    long currentMb(String kind) {
        long kb = 0;
        for (Map.Entry<Long, String> e : kindOfPid.entrySet()) {
            if (e.getValue().equals(kind)) {
                kb = Math.max(kb, ProcStatus.rssKb(e.getKey()));
            }
        }
        return kb / 1024;
    }

    private void sample(long pid) {
        long kb = ProcStatus.peakRssKb(pid);
        if (kb > 0) {
            peakKbOfPid.merge(pid, kb, Math::max);
        }
    }

    private void sampleUntilClosed() {
        while (running) {
            sampleNow();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        sampleNow();
        running = false;
        sampler.interrupt();
    }
}
