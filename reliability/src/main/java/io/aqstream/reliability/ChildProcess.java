package io.aqstream.reliability;

import io.aqstream.testkit.JavaProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One of the pipeline's commands run as a real separate JVM (as a user runs it), that can be started
 * again with the same arguments after it was killed. Each run's output goes to its own file.
 */
final class ChildProcess {
    private final String name;
    private final Class<?> main;
    private final List<String> args;
    private final Path logs;
    private Process process;
    private int runs;

    ChildProcess(String name, Class<?> main, List<String> args, Path logs) {
        this.name = name;
        this.main = main;
        this.args = List.copyOf(args);
        this.logs = logs;
    }

    String name() {
        return name;
    }

    int runs() {
        return runs;
    }

    void start() {
        start(List.of());
    }

    /** Starts a run with these arguments added to the fixed ones (e.g. a fresh --metrics-port). */
    void start(List<String> moreArgs) {
        try {
            Files.createDirectories(logs);
            runs++;
            ProcessBuilder builder = JavaProcess.builder(main, logs, List.of(),
                    java.util.stream.Stream.concat(args.stream(), moreArgs.stream()).toList())
                    .redirectErrorStream(true)
                    .redirectOutput(logs.resolve(name + "-run" + runs + ".out").toFile());
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The exit code of the last run, or null while it runs (or before the first). */
    Integer exitCode() {
        return process == null || process.isAlive() ? null : process.exitValue();
    }

    /** SIGKILL (Process.destroyForcibly on Linux): no shutdown hook, no finally block, nothing flushed. */
    void sigkill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    /** SIGTERM, as Ctrl-C or bin/stop does: a clean stop; waits until the run has ended. */
    void sigterm() throws InterruptedException {
        if (process != null) {
            process.destroy();
            process.waitFor();
        }
    }

    /** Waits for the last run to end on its own; false if the guard expired (the process is then killed). */
    boolean awaitExit(long millis) throws InterruptedException {
        if (!process.waitFor(millis, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            sigkill();
            return false;
        }
        return true;
    }

    Path lastOutput() {
        return logs.resolve(name + "-run" + runs + ".out");
    }
}
