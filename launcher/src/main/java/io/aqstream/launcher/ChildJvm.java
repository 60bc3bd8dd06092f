package io.aqstream.launcher;

import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.UserJvmOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One command of the pipeline in its own JVM, as the user would run it: the same Java and classpath as
 * this one, the command's JVM options from {@code conf/jvm/COMMAND.options} (where its heap is set,
 * once for the bin/ scripts, the .cmd files and this), then {@code AQ_HEAP_OPTS} and {@code AQ_JAVA_OPTS},
 * which win because they come later; its class-data archive ({@link ClassDataSharing}) as bin/ gives it.
 * Its own JVM because each command owns its process: its log file, its shutdown hook and its exit code.
 */
final class ChildJvm {
    private final Path home;
    /** The commands running now: one step, or the consumers of the cluster pipeline together. */
    private final Set<Process> running = ConcurrentHashMap.newKeySet();
    /** The environment variable that, set to 0, starts each step's JVM at its turn rather than ahead of it. */
    static final String AHEAD = "AQ_PIPELINE_AHEAD";
    /** How long a step cancelled ahead of its turn gets to exit by itself. */
    private static final java.time.Duration CANCEL_WAIT = java.time.Duration.ofSeconds(30);
    /** The steps started ahead of their turn and not told to go yet. */
    private final Set<Started> waiting = ConcurrentHashMap.newKeySet();

    ChildJvm(Path home) {
        this.home = home;
    }

    /** The JVM options file of a command; the scripts pass the same file to java with @FILE. */
    static Path optionsFile(Path home, AqCommand command) {
        return home.resolve("conf").resolve("jvm").resolve(command.userName + ".options");
    }

    /**
     * Runs the command to its end and returns its exit code. Its stderr is this process's; its stdout too,
     * unless {@code progress} is given: then its lines go there (a step whose output is not a result, such
     * as the node's ready line).
     */
    int run(AqCommand command, List<String> args, PrintWriter progress) throws InterruptedException {
        boolean stdoutIsProgress = progress != null;
        Process process = launch(command, args,
                stdoutIsProgress ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.INHERIT, false);
        try {
            if (stdoutIsProgress) {
                copyLines(process.getInputStream(), line -> {
                    progress.println(line);
                    progress.flush();
                });
            }
            return process.waitFor();
        } finally {
            running.remove(process);
        }
    }

    /**
     * Starts the command's JVM ahead of its turn ({@link StartWhenTold}): it loads the command, then waits
     * until {@link Started#go} (run it) or {@link Started#cancel} (end it unrun). Its stderr is this
     * process's; its stdout too, or kept until {@link Started#finish} passes it on whole, so that results
     * printed by steps running at the same time do not interleave. With
     * {@code AQ_PIPELINE_AHEAD=0} its JVM starts only at {@link Started#go}, as before the steps started
     * ahead: the same steps otherwise, so that bench/pipeline can measure what starting ahead gains.
     */
    Started startAhead(AqCommand command, List<String> args, boolean keepStdout) {
        Started step = new Started(command, () -> launch(command, args,
                keepStdout ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.INHERIT, true), keepStdout);
        if (!"0".equals(System.getenv(AHEAD))) {
            step.launch();
        }
        waiting.add(step);
        return step;
    }

    /** Ends every step still waiting for its turn, unrun ({@link Started#cancel}): the pipeline stops early. */
    void cancelWaiting() throws InterruptedException {
        for (Started step : List.copyOf(waiting)) {
            step.cancel();
        }
    }

    /**
     * Starts the command with the given stdout and this process's stderr, and registers it as running, so
     * that {@link #stopCurrent} reaches it. Its stdin is this process's; ahead of its turn, a pipe that
     * tells it when to run.
     */
    private Process launch(AqCommand command, List<String> args, ProcessBuilder.Redirect stdout, boolean ahead) {
        ProcessBuilder builder = new ProcessBuilder(commandLine(command, args, ahead))
                .redirectInput(ahead ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .redirectOutput(stdout);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command.userName, e);
        }
        running.add(process);
        return process;
    }

    /** A step started by {@link #startAhead}. */
    final class Started {
        private final AqCommand command;
        private final java.util.function.Supplier<Process> launcher;
        private final boolean keepStdout;
        /** Null until launched (at once, or at {@link #go} with {@code AQ_PIPELINE_AHEAD=0}). */
        private Process process;
        /** Copies the step's stdout into {@link #stdout}; null when its stdout is this process's. */
        private Thread reader;
        private final List<String> stdout = java.util.Collections.synchronizedList(new ArrayList<>());

        private Started(AqCommand command, java.util.function.Supplier<Process> launcher, boolean keepStdout) {
            this.command = command;
            this.launcher = launcher;
            this.keepStdout = keepStdout;
        }

        private void launch() {
            Process started = launcher.get();
            if (keepStdout) {
                reader = new Thread(() -> copyLines(started.getInputStream(), stdout::add), "aq-pipeline-" + command.userName);
                reader.setDaemon(true);
                reader.start();
            }
            process = started;
        }

        /** Started ahead of its turn, alive, and not told to go or cancelled yet. */
        boolean isWaiting() {
            return waiting.contains(this) && (process == null || process.isAlive());
        }

        /** Started ahead of its turn: run it now. */
        void go() {
            waiting.remove(this);
            if (process == null) {
                launch();
            }
            try (var in = process.getOutputStream()) {
                in.write((StartWhenTold.GO + "\n").getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // It has exited already (killed, or it could not start): finish() returns its exit code.
            }
        }

        /**
         * Started ahead of its turn, and its turn will not come (a step before it failed): ends it unrun, by
         * closing its stdin without a go, so that it exits by itself and cleans up after itself (the report's
         * step has copied DuckDB's native library into a temporary file by then); killed if it has not exited
         * within {@link #CANCEL_WAIT}. (On the first run after a build, its class-data archive then holds only
         * the classes it loaded so far: the command's later runs load the others from the jars, as without.)
         */
        void cancel() throws InterruptedException {
            waiting.remove(this);
            if (process == null) {
                return; // never launched
            }
            try {
                process.getOutputStream().close();
            } catch (IOException e) {
                // It has exited already.
            }
            if (!process.waitFor(CANCEL_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
            running.remove(process);
        }

        /** Waits for the step's end, prints what it wrote on stdout (if kept) to {@code out}, returns its exit code. */
        int finish(PrintWriter out) throws InterruptedException {
            if (process == null) {
                return ExitCodes.OK; // cancelled before it was launched: nothing ran
            }
            try {
                int code = process.waitFor();
                if (reader != null) {
                    reader.join();
                    synchronized (stdout) {
                        stdout.forEach(out::println);
                    }
                    out.flush();
                }
                return code;
            } finally {
                running.remove(process);
            }
        }

        private Process process() {
            return process;
        }
    }

    /**
     * Runs {@code copies} instances of the command at once, each to its end, and returns the first non-zero
     * exit code, or 0: the members of one consumer group, one per partition. {@code first}, already told to
     * go, is one of them.
     */
    int runTogether(Started first, AqCommand command, List<String> args, int copies) throws InterruptedException {
        List<Process> started = new ArrayList<>(List.of(first.process()));
        for (int i = 1; i < copies; i++) {
            try {
                started.add(launch(command, args, ProcessBuilder.Redirect.INHERIT, false));
            } catch (UncheckedIOException e) {
                started.forEach(Process::destroy);
                throw e;
            }
        }
        int result = 0;
        for (Process process : started) {
            int code = process.waitFor();
            running.remove(process);
            result = result == 0 ? code : result;
        }
        return result;
    }

    /** Asks the running commands, if any, to stop cleanly (SIGTERM: every command handles it like Ctrl-C). */
    void stopCurrent() {
        running.forEach(Process::destroy);
    }

    List<String> commandLine(AqCommand command, List<String> args) {
        return commandLine(command, args, false);
    }

    /** The command's java command line; {@code ahead}: its main is {@link StartWhenTold}, which waits for its turn. */
    List<String> commandLine(AqCommand command, List<String> args, boolean ahead) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command()
                .orElse(Paths.get(System.getProperty("java.home"), "bin", "java").toString()));
        Path options = optionsFile(home, command);
        if (Files.isRegularFile(options)) {
            cmd.add("@" + options);
        }
        cmd.addAll(ClassDataSharing.options(home, command.userName, System.getProperty("java.class.path")));
        cmd.addAll(UserJvmOptions.of(UserJvmOptions.HEAP));
        cmd.addAll(UserJvmOptions.of(UserJvmOptions.MORE));
        for (String key : List.of(LaunchSettings.HOME, "aq.logs.dir", "aq.console.level", "log4j2.configurationFile")) {
            String value = System.getProperty(key);
            if (value != null) {
                cmd.add("-D" + key + "=" + value);
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add((ahead ? StartWhenTold.class : AqStream.class).getName());
        cmd.add(command.userName);
        cmd.addAll(args);
        return cmd;
    }


    private static void copyLines(InputStream in, java.util.function.Consumer<String> out) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                out.accept(line);
            }
        } catch (IOException e) {
            // The child closed its output: nothing more to pass on.
        }
    }
}
