package io.aqstream.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The verifier must be able to fail: each way of being wrong is caught and counted. */
class ReconciliationTest {
    private static final LocalDateTime T0 = LocalDateTime.of(2004, 3, 10, 18, 0);

    private static Row row(String station, int hour, double co, int partition, long offset) {
        Double[] values = new Double[Columns.MEASUREMENTS.size()];
        values[0] = co;
        return new Row(station, T0.plusHours(hour), values, partition, offset);
    }

    private static List<Row> expected() {
        return List.of(row("s1", 0, 1.0, -1, -1), row("s1", 1, 2.0, -1, -1), row("s2", 0, 3.0, -1, -1));
    }

    private static List<Row> correct() {
        return new ArrayList<>(List.of(row("s1", 0, 1.0, 0, 0), row("s1", 1, 2.0, 0, 1), row("s2", 0, 3.0, 1, 0)));
    }

    @Test
    void theSameRowsOnceEachIsExactlyOnce() {
        Reconciliation r = Reconciliation.of("files", expected(), correct());
        assertTrue(r.exactlyOnce(), r.summary());
    }

    @Test
    void aMissingRowIsALoss() {
        List<Row> found = correct();
        found.remove(1);
        Reconciliation r = Reconciliation.of("files", expected(), found);
        assertEquals(1, r.losses());
        assertFalse(r.exactlyOnce());
        assertTrue(r.summary().contains("missing s1@2004-03-10T19:00"), r.summary());
    }

    @Test
    void aRowTwiceIsADuplicateEvenAtAnotherOffset() {
        List<Row> found = correct();
        found.add(row("s2", 0, 3.0, 1, 7));
        Reconciliation r = Reconciliation.of("files", expected(), found);
        assertEquals(1, r.duplicates());
        assertEquals(0, r.repeatedPositions());
        assertFalse(r.exactlyOnce());
    }

    @Test
    void theSamePositionTwiceIsCaught() {
        List<Row> found = correct();
        found.set(2, row("s2", 0, 3.0, 0, 1));
        Reconciliation r = Reconciliation.of("files", expected(), found);
        assertEquals(1, r.repeatedPositions());
        assertFalse(r.exactlyOnce());
    }

    @Test
    void aWrongValueOrAStrayRowIsCaught() {
        List<Row> found = correct();
        found.set(0, row("s1", 0, 1.5, 0, 0));
        found.add(row("s3", 0, 1.0, 2, 0));
        Reconciliation r = Reconciliation.of("files", expected(), found);
        assertEquals(1, r.valueMismatches());
        assertEquals(1, r.strays());
        assertFalse(r.exactlyOnce());
    }

    @Test
    void filesMustHoldTheTopicsRecordsAtTheirPositions() {
        List<Row> topic = correct();
        List<Row> files = correct();
        assertEquals(0, Reconciliation.positionDisagreements(topic, files));
        files.set(1, row("s1", 1, 2.0, 0, 5));
        assertEquals(1, Reconciliation.positionDisagreements(topic, files));
    }
}
