package io.aqstream.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqstream.common.cli.ExitCodes;
import io.aqstream.testkit.RepoFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A pipeline step started ahead of its turn ({@link ChildJvm#startAhead}, {@link StartWhenTold}): a real JVM
 * of the command, which runs the command only once told to go, with its arguments and its stdout kept for
 * {@link ChildJvm.Started#finish}; cancelled, it never runs it.
 */
class StartAheadTest {
    private final ChildJvm steps = new ChildJvm(RepoFiles.root());

    @Test
    void runsTheCommandOnlyWhenToldToGo() throws Exception {
        ChildJvm.Started step = steps.startAhead(AqCommand.AQ_ADMIN, List.of("--version"), true);
        // Waiting: --version, had it run, would have printed and exited at once.
        Thread.sleep(1_000);
        assertTrue(step.isWaiting(), "the step ran before it was told to go");
        step.go();
        StringWriter out = new StringWriter();
        int code = step.finish(new PrintWriter(out));
        assertEquals(ExitCodes.OK, code, out.toString());
        assertTrue(out.toString().contains("aq-stream"), "the command's stdout, kept: " + out);
    }

    @Test
    void aCancelledStepNeverRunsItsCommand() throws Exception {
        ChildJvm.Started step = steps.startAhead(AqCommand.AQ_ADMIN, List.of("--version"), true);
        step.cancel();
        StringWriter out = new StringWriter();
        int code = step.finish(new PrintWriter(out));
        assertEquals(ExitCodes.OK, code, "it exits by itself when its stdin closes without a go");
        assertEquals("", out.toString(), "a cancelled step ran its command");
    }

    @Test
    void cancelWaitingEndsOnlyTheStepsNotToldToGo() throws Exception {
        ChildJvm.Started told = steps.startAhead(AqCommand.AQ_ADMIN, List.of("--version"), true);
        ChildJvm.Started notTold = steps.startAhead(AqCommand.AQ_ADMIN, List.of("--version"), true);
        told.go();
        steps.cancelWaiting();
        StringWriter out = new StringWriter();
        assertEquals(ExitCodes.OK, told.finish(new PrintWriter(out)), out.toString());
        assertTrue(out.toString().contains("aq-stream"), out.toString());
        StringWriter none = new StringWriter();
        notTold.finish(new PrintWriter(none));
        assertEquals("", none.toString(), "the step not told to go ran");
    }
}
