package io.aqstream.launcher;

import io.aqstream.common.cli.CommandRunner;
import io.aqstream.common.cli.ExitCodes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/**
 * A step of the pipeline that only reads the finished Parquet files (aq-admin summary, aq-report), run in the
 * pipeline's own JVM on a thread of its own, beside the others: such a step has no shutdown hook and nothing to
 * stop, so a JVM of its own would cost more than its work (on the real file its start took longer than its
 * reading). It logs into the pipeline's log. Its stdout is kept until {@link #finish} passes it on whole, so
 * results of steps running at the same time do not interleave; its stderr is the pipeline's.
 */
final class InProcessStep {
    private final StringWriter stdout = new StringWriter();
    private final Thread thread;
    private volatile int code = ExitCodes.FAILURE;

    private InProcessStep(AqCommand command, Object instance, List<String> args, PrintWriter err) {
        thread = new Thread(() -> code = CommandRunner.run(instance, args.toArray(new String[0]),
                new PrintWriter(stdout), err), "aq-pipeline-" + command.userName);
    }

    /** Starts {@code instance} (a new object of the command's class) with {@code args}; returns at once. */
    static InProcessStep start(AqCommand command, Object instance, List<String> args, PrintWriter err) {
        InProcessStep step = new InProcessStep(command, instance, args, err);
        step.thread.start();
        return step;
    }

    /** Waits for the step's end, prints what it wrote on stdout to {@code out}, returns its exit code. */
    int finish(PrintWriter out) throws InterruptedException {
        thread.join();
        out.print(stdout);
        out.flush();
        return code;
    }
}
