package io.aqstream.common.cli;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * SLF4J's binding to Log4j, named instead of searched for. Without {@code slf4j.provider}, SLF4J asks the class
 * loader for a service file in every jar of the classpath (80 here) before the first line is logged: about 0.1 s of
 * every command's start, and of each JVM bin/pipeline starts (measured in docs/benchmarks.md, "bin/pipeline: 8.9 s
 * to 8.3 s in the same run"). The binding named is the one the build puts on every command's classpath
 * (log4j-slf4j2-impl). {@code slf4j.internal.verbosity=WARN} keeps SLF4J's note that it loads the named binding off
 * stderr; its warnings and errors still show.
 *
 * <p>Set by each command's launcher before anything logs, and passed on to the JVMs a command starts itself.
 */
public final class LogBinding {
    /** The system properties, as {@code -Dkey=value} would set them. */
    public static final Map<String, String> PROPERTIES = Map.of(
            "slf4j.provider", "org.apache.logging.slf4j.SLF4JServiceProvider",
            "slf4j.internal.verbosity", "WARN");

    private LogBinding() {
    }

    /** The properties as JVM options ({@code -Dkey=value}), for a JVM started without the launcher. */
    public static List<String> jvmOptions() {
        return PROPERTIES.entrySet().stream().map(e -> "-D" + e.getKey() + "=" + e.getValue())
                .sorted().collect(Collectors.toList());
    }

    /** Sets each property this JVM does not have yet (a {@code -D} given by the user wins). */
    public static void apply() {
        PROPERTIES.forEach((key, value) -> {
            if (System.getProperty(key) == null) {
                System.setProperty(key, value);
            }
        });
    }
}
