package io.aqstream.testkit;

import io.aqstream.common.cli.UserJvmOptions;
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
        return List.of("@" + RepoFiles.root().resolve("conf/jvm/" + command + ".options"));
    }

    /**
     * A process builder for {@code java -cp <test classpath> mainClass args}, with a small heap, the options
     * of {@code AQ_JAVA_OPTS} as bin/ adds them, then {@code jvmOptions}, and the given log directory; stderr
     * and stdout left to the caller to redirect.
     */
    public static ProcessBuilder builder(Class<?> mainClass, Path logsDir, List<String> jvmOptions, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx384m");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-Daq.logs.dir=" + logsDir);
        cmd.add("-Daq.component=" + mainClass.getSimpleName());
        cmd.add("-Dlog4j2.configurationFile=" + RepoFiles.root().resolve("conf/log4j2.xml"));
        // As bin/ reads it: more JVM options (the tests' C1-only setting, from the root pom's aq.test.jvm).
        cmd.addAll(UserJvmOptions.of(UserJvmOptions.MORE));
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass.getName());
        cmd.addAll(args);
        return new ProcessBuilder(cmd);
    }
}
