package io.aqstream.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short version of bench/fault-injection, in CI: a smaller replay, the same kills (consumer several
 * times at random instants, producers, the node), the same independent verification.
 */
class FaultInjectionTest {
    @TempDir
    Path dir;

    @Test
    void everyRowExactlyOnceAfterRandomKillsOfConsumerProducersAndNode() throws Exception {
        FaultPlan plan = new FaultPlan(3, 4_000, 40, 4, 4, 2, 1, 100, 7, dir.resolve("run"));
        Verdict verdict = new FaultInjectionRun(plan, new PrintWriter(System.err, true)).run();
        String figures = verdict.summary();
        System.out.print(figures);
        // The kills really happened (the schedule is seeded; the consumer is killed until the producers finish and at least 4 times).
        assertEquals(1, verdict.kills().nodeKills, figures);
        assertEquals(2, verdict.kills().producerKills, figures);
        assertTrue(verdict.kills().consumerKills >= 4, figures);
        assertTrue(verdict.kills().consumerKills > verdict.kills().consumerKillsStarting,
                "some kills hit a consuming run: " + figures);
        assertEquals(12_000, verdict.topic().expected(), figures);
        assertTrue(verdict.passed(), figures);
    }
}
