package io.aqstream.testkit;

import io.aqstream.common.cli.CommandJvmOptions;
import io.aqstream.common.cli.UserJvmOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Child JVMs on the test's own classpath: how tests run a node, a producer or a consumer as a real
 * separate process that can be killed with SIGKILL.
 */
public final class JavaProcess {
    private JavaProcess() {
    }

    /** The log file of a child started by {@link #builder} with {@code logsDir} (conf/log4j2.xml names it so). */
    public static Path logFile(Class<?> mainClass, Path logsDir) {
        return logsDir.resolve(mainClass.getSimpleName() + ".log");
    }

    /**
     * A command's own JVM options as its bin/ script gives them ({@code @conf/jvm/COMMAND.options}, e.g.
     * {@code produce}), for {@link #builder}'s {@code jvmOptions}: they come after the small heap, so they win.
     */
    public static List<String> commandOptions(String command) {
        return List.of("@" + CommandJvmOptions.file(RepoFiles.root(), command));
    }

    /**
     * The options in a command's options file, comments left out, as a benchmark's text names them, e.g.
     * {@code -Xmx384m -XX:TieredStopAtLevel=1}.
     */
    public static String commandOptionsText(String command) {
        Path file = CommandJvmOptions.file(RepoFiles.root(), command);
        try {
            return String.join(" ", CommandJvmOptions.read(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * A process builder for {@code java -cp <test classpath> mainClass args}, with a small heap, the options
     * of {@code AQ_JAVA_OPTS} as bin/ adds them, then {@code jvmOptions}, and the given log directory; stderr
     * and stdout left to the caller to redirect.
     */
    public static ProcessBuilder builder(Class<?> mainClass, Path logsDir, List<String> jvmOptions, List<String> args) {
        List<String> options = new ArrayList<>(List.of("-Xmx384m", "-XX:+UseSerialGC"));
        // As bin/ reads it: more JVM options (the tests' C1-only setting, from the root pom's aq.test.jvm).
        options.addAll(UserJvmOptions.of(UserJvmOptions.MORE));
        options.addAll(jvmOptions);
        return new ProcessBuilder(command(mainClass, logsDir, options, args));
    }

    /**
     * As {@link #builder}, but with no JVM option other than {@code jvmOptions} (and where the log goes): the
     * JVM's own defaults for the rest (heap, collector, compilers), as a user's own program runs, or a command
     * given its {@link #commandOptions} runs as its bin/ script runs it. For benchmarks, whose references must
     * run as a user would run them.
     */
    public static ProcessBuilder asLaunched(Class<?> mainClass, Path logsDir, List<String> jvmOptions, List<String> args) {
        return new ProcessBuilder(command(mainClass, logsDir, jvmOptions, args));
    }

    private static List<String> command(Class<?> mainClass, Path logsDir, List<String> jvmOptions, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Daq.logs.dir=" + logsDir);
        cmd.add("-Daq.component=" + mainClass.getSimpleName());
        cmd.add("-Dlog4j2.configurationFile=" + RepoFiles.root().resolve("conf/log4j2.xml"));
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass.getName());
        cmd.addAll(args);
        return cmd;
    }
}
