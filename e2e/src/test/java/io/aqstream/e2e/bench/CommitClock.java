package io.aqstream.e2e.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * When each CSV line was committed by a bin/produce running in another JVM. Its commitTransaction()
 * cannot be hooked, so this scrapes every producer's --metrics-port every {@code intervalMs} (one
 * keep-alive connection each) for {@code aq_producer_committed_line}, which the producer publishes right
 * after commitTransaction() returns. When a scrape sees the gauge move from A to B, lines A+1..B were
 * committed inside a window: after the previous scrape was sent, before this one was answered. A line's
 * commit time is that window; its midpoint is the estimate and its half-width the error bound.
 */
final class CommitClock implements AutoCloseable {
    private static final String GAUGE = "\naq_producer_committed_line{";

    /** Per station: committed line after a move → {window start, window end} in System.nanoTime(). */
    private final Map<String, NavigableMap<Long, long[]>> moves = new ConcurrentHashMap<>();
    /** Round trips of the successful scrapes, in µs: how sharp the windows can be. */
    private final Queue<Long> roundTripsMicros = new ConcurrentLinkedQueue<>();
    private final List<Thread> scrapers = new ArrayList<>();
    private volatile boolean running = true;

    /** Starts one scraping thread per producer, so that a slow answer from one does not delay the others. */
    CommitClock(List<String> stations, List<Integer> ports, long intervalMs) {
        for (int i = 0; i < stations.size(); i++) {
            String station = stations.get(i);
            int port = ports.get(i);
            NavigableMap<Long, long[]> m = new ConcurrentSkipListMap<>();
            moves.put(station, m);
            Thread t = new Thread(() -> scrapeUntilClosed(port, m, intervalMs), "commit-clock-" + station);
            t.setDaemon(true);
            scrapers.add(t);
            t.start();
        }
    }

    /** The window in which {@code line} of {@code station} was committed, or null when no scrape saw it move. */
    long[] window(String station, long line) {
        Map.Entry<Long, long[]> e = moves.get(station).ceilingEntry(line);
        return e == null ? null : e.getValue();
    }

    long scrapes() {
        return roundTripsMicros.size();
    }

    /** The p-th percentile of the scrapes' round trips, in ms. */
    double roundTripMs(int p) {
        long[] sorted = roundTripsMicros.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, Math.max(0, (int) Math.ceil(p / 100.0 * sorted.length) - 1))] / 1000.0;
    }

    private void scrapeUntilClosed(int port, NavigableMap<Long, long[]> into, long intervalMs) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(2)).build();
        long lastLine = -1; // no successful scrape yet: lines committed before the first one have no window
        long lastSent = 0;
        long next = System.nanoTime();
        while (running) {
            long sent = System.nanoTime();
            try {
                String body = client.send(request, HttpResponse.BodyHandlers.ofString()).body();
                long answered = System.nanoTime();
                roundTripsMicros.add((answered - sent) / 1000);
                long line = committedLine(body);
                if (line >= 0) {
                    if (lastLine >= 0 && line > lastLine) {
                        into.put(line, new long[] {lastSent, answered});
                    }
                    lastLine = Math.max(lastLine, line);
                    lastSent = sent;
                }
            } catch (IOException notListening) {
                // JVM still starting, or already exited
            } catch (InterruptedException e) {
                return;
            }
            next += intervalMs * 1_000_000L;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
                } catch (InterruptedException e) {
                    return;
                }
            } else {
                next = System.nanoTime(); // fell behind: no burst of catch-up scrapes
            }
        }
    }

    private static long committedLine(String body) {
        int at = body.indexOf(GAUGE);
        if (at < 0) {
            return -1;
        }
        int space = body.indexOf(' ', body.indexOf('}', at));
        int end = body.indexOf('\n', space);
        return (long) Double.parseDouble(body.substring(space + 1, end < 0 ? body.length() : end).strip());
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread t : scrapers) {
            t.interrupt();
            t.join(5_000);
        }
    }
}
