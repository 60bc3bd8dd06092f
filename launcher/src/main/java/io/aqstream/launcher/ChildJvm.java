package io.aqstream.launcher;

import io.aqstream.common.cli.ClassDataSharing;
import io.aqstream.common.cli.CommandJvmOptions;
import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.UserException;
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
 * once for the bin/ scripts, the .cmd files and this), then those of every pipeline step
 * ({@code conf/jvm/pipeline-steps.options}: C1 only), then {@code AQ_HEAP_OPTS} and {@code AQ_JAVA_OPTS},
 * which win because they come later; its class-data archive ({@link ClassDataSharing}) as bin/ gives it.
 * Its own JVM because each command owns its process: its log file, its shutdown hook and its exit code.
 */
final class ChildJvm {
    private final Path home;
    /** The commands running now: one step, or the consumers of the cluster pipeline together. */
    private final Set<Process> running = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    ChildJvm(Path home) {
        this.home = home;
    }

    /** The JVM options file of a command; the scripts pass the same file to java with @FILE. */
    static Path optionsFile(Path home, AqCommand command) {
        return CommandJvmOptions.file(home, command.userName);
    }

    /** The JVM options of every step of the pipeline, after the step's own: {@code conf/jvm/pipeline-steps.options}. */
    static Path stepOptionsFile(Path home) {
        return CommandJvmOptions.file(home, "pipeline-steps");
    }

    /**
     * Runs the command to its end and returns its exit code. Its stderr is this process's; its stdout too,
     * unless {@code progress} is given: then its lines go there (a step whose output is not a result, such
     * as the node's ready line).
     */
    int run(AqCommand command, List<String> args, PrintWriter progress) throws InterruptedException {
        boolean stdoutIsProgress = progress != null;
        Process process = launch(command, args,
                stdoutIsProgress ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.INHERIT);
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
     * Starts the command and returns at once, for a step that runs beside others, with a stdin of its own, open
     * until {@link Started#closeInput}: a consumer that stops at the end once its stdin closes (bin/consume
     * --stop-at-end-after-stdin). Its stderr is this process's; its stdout is kept until {@link Started#finish}
     * passes it on whole, so results printed by steps running at the same time do not interleave.
     */
    Started startWithInput(AqCommand command, List<String> args) {
        Process process = launch(command, args, ProcessBuilder.Redirect.PIPE, ProcessBuilder.Redirect.PIPE);
        List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> copyLines(process.getInputStream(), lines::add), "aq-pipeline-" + command.userName);
        reader.setDaemon(true);
        reader.start();
        return new Started(process, reader, lines);
    }

    /**
     * Starts the command with this process's stdin and stderr (or the given ones) and the given stdout, and
     * registers it as running, so that {@link #stopCurrent} reaches it.
     */
    private Process launch(AqCommand command, List<String> args, ProcessBuilder.Redirect stdout) {
        return launch(command, args, ProcessBuilder.Redirect.INHERIT, stdout);
    }

    private Process launch(AqCommand command, List<String> args, ProcessBuilder.Redirect stdin,
            ProcessBuilder.Redirect stdout) {
        if (stopping) {
            throw new UserException(ExitCodes.INTERRUPTED, "stopped (Ctrl-C) before " + command.userName + " started.");
        }
        ProcessBuilder builder = new ProcessBuilder(commandLine(command, args))
                .redirectInput(stdin)
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

    /** A step started by {@link #startWithInput}. */
    final class Started {
        private final Process process;
        private final Thread reader;
        private final List<String> stdout;

        private Started(Process process, Thread reader, List<String> stdout) {
            this.process = process;
            this.reader = reader;
            this.stdout = stdout;
        }

        /** Closes the step's stdin ({@link #startWithInput}); nothing happens when it has ended already. */
        void closeInput() {
            try {
                process.getOutputStream().close();
            } catch (IOException ended) {
                // Its end of the pipe is gone with it: its exit code tells the rest.
            }
        }

        /** Asks the step to stop cleanly (SIGTERM: every command handles it like Ctrl-C); {@link #finish} waits. */
        void stop() {
            process.destroy();
        }

        /** Waits for the step's end, prints what it wrote on stdout to {@code out}, returns its exit code. */
        int finish(PrintWriter out) throws InterruptedException {
            try {
                int code = process.waitFor();
                reader.join();
                synchronized (stdout) {
                    stdout.forEach(out::println);
                }
                out.flush();
                return code;
            } finally {
                running.remove(process);
            }
        }
    }

    /**
     * Runs {@code copies} instances of the command at once, each to its end, and returns the first non-zero
     * exit code, or 0: the members of one consumer group, one per partition.
     */
    int runTogether(AqCommand command, List<String> args, int copies) throws InterruptedException {
        List<Process> started = new ArrayList<>();
        for (int i = 0; i < copies; i++) {
            try {
                started.add(launch(command, args, ProcessBuilder.Redirect.INHERIT));
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

    /**
     * Asks the running commands, if any, to stop cleanly (SIGTERM: every command handles it like Ctrl-C); no
     * step starts after this (Ctrl-C may come between two steps, or while the pipeline itself works).
     */
    void stopCurrent() {
        stopping = true;
        running.forEach(Process::destroy);
    }

    /** Whether {@link #stopCurrent} was called: the pipeline stops at its next step. */
    boolean stopping() {
        return stopping;
    }

    List<String> commandLine(AqCommand command, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command()
                .orElse(Paths.get(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(options(command, true));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(AqStream.class.getName());
        cmd.add(command.userName);
        cmd.addAll(args);
        return cmd;
    }

    /**
     * The JVM options a step's JVM gets, as bin/ would give them: its options file, the steps' file, AQ_HEAP_OPTS
     * and AQ_JAVA_OPTS, and the project's settings of this JVM; not its class-data archive, which belongs to the
     * JVM that runs the command ({@link #commandLine}; a node started from here has its own).
     */
    List<String> jvmOptions(AqCommand command) {
        return options(command, false);
    }

    /** The options in bin/'s order: the files, the archive (when {@code withArchive}), then the user's, which win. */
    private List<String> options(AqCommand command, boolean withArchive) {
        List<String> options = new ArrayList<>();
        for (Path file : List.of(optionsFile(home, command), stepOptionsFile(home))) {
            if (Files.isRegularFile(file)) {
                options.add("@" + file);
            }
        }
        if (withArchive) {
            options.addAll(ClassDataSharing.options(home, command.userName, System.getProperty("java.class.path")));
        }
        options.addAll(UserJvmOptions.of(UserJvmOptions.HEAP));
        options.addAll(UserJvmOptions.of(UserJvmOptions.MORE));
        for (String key : List.of(LaunchSettings.HOME, "aq.logs.dir", "aq.console.level", "log4j2.configurationFile")) {
            String value = System.getProperty(key);
            if (value != null) {
                options.add("-D" + key + "=" + value);
            }
        }
        return options;
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
