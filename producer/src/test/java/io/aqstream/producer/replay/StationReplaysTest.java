package io.aqstream.producer.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * How many station replays run at once: their open transactions' rows stay in memory until acknowledged,
 * so at --speed max their number is bounded (30 stations at --batch-size 10000 once ran the heap out).
 */
class StationReplaysTest {
    private static List<ReplaySettings> stations(int count, int batchSize, Speed speed) {
        List<ReplaySettings> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            all.add(new ReplaySettings(Path.of("station-" + i + ".csv"), "s" + i, "t", "t.dlq", "checkpoints", batchSize,
                    "gzip", speed, OnError.FAIL, false, "id-" + i, Duration.ofSeconds(30), new Properties(), false, null,
                    Set.of()));
        }
        return all;
    }

    @Test
    void atFullSpeedTheRowsOfOpenTransactionsStayBounded() {
        assertEquals(8, StationReplays.atOnce(stations(30, 10_000, Speed.MAX)));
        assertEquals(1, StationReplays.atOnce(stations(30, 1_000_000, Speed.MAX)));
        assertEquals(12, StationReplays.atOnce(stations(12, 100, Speed.MAX)), "the 12 Beijing stations at once");
        assertEquals(30, StationReplays.atOnce(stations(30, 1_000, Speed.MAX)));
        for (int batch : new int[] {1, 100, 1_000, 10_000, 100_000}) {
            int atOnce = StationReplays.atOnce(stations(500, batch, Speed.MAX));
            assertEquals(true, atOnce == 1 || (long) atOnce * batch <= StationReplays.ROWS_IN_FLIGHT, batch + ": " + atOnce);
        }
    }

    @Test
    void pacedStationsAllRunTogetherOnOneDataClock() {
        assertEquals(30, StationReplays.atOnce(stations(30, 10_000, Speed.of(3600))));
    }
}
