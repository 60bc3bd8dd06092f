package io.aqstream.producer.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReplayCheckpointTest {
    @Test
    void roundTripsThroughJson() {
        ReplayCheckpoint c = new ReplayCheckpoint(9472, "ab12", true, 9357, 2, 114, "AirQualityUCI.csv", "uci", "t");
        ReplayCheckpoint back = ReplayCheckpoint.fromJson(c.toJson("id-1"));
        assertEquals(9472, back.line);
        assertEquals("ab12", back.fingerprint);
        assertEquals(true, back.finished);
        assertEquals(9357, back.rowsSent);
        assertEquals(2, back.rowsRejected);
        assertEquals(114, back.emptyRows);
        assertEquals("AirQualityUCI.csv", back.file);
        assertEquals("uci", back.station);
        assertEquals("t", back.topic);
        assertEquals("id-1", new String(c.toJson("id-1"), StandardCharsets.UTF_8).replaceAll(".*\"replay_id\":\"([^\"]*)\".*", "$1"));
    }

    @Test
    void unreadableValuesCountAsNoCheckpoint() {
        assertNull(ReplayCheckpoint.fromJson(null));
        assertNull(ReplayCheckpoint.fromJson("not json".getBytes(StandardCharsets.UTF_8)));
        assertNull(ReplayCheckpoint.fromJson("{\"line\":3}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void fingerprintIgnoresLineEndsButNotContentAndSnapshotsDoNotDisturbIt() {
        LineFingerprint a = new LineFingerprint();
        LineFingerprint b = new LineFingerprint();
        a.add("x;1");
        String afterOne = a.snapshot();
        a.add("y;2");
        b.add("x;1");
        assertEquals(afterOne, b.snapshot());
        b.add("y;2");
        assertEquals(a.snapshot(), b.snapshot());
        b.add("z");
        assertNotEquals(a.snapshot(), b.snapshot());
    }
}
