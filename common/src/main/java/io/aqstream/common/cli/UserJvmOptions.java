package io.aqstream.common.cli;

import java.util.Arrays;
import java.util.List;

/**
 * The environment variables through which a user adds JVM options to a command (bin/lib/aq.sh and
 * bin\windows\aq.cmd read them too): named and split here once, for every Java code that starts a JVM the
 * way bin/ would.
 */
public final class UserJvmOptions {
    /** Heap options; they replace the command's default heap. */
    public static final String HEAP = "AQ_HEAP_OPTS";
    /** Any other JVM options; they come last, so they win. */
    public static final String MORE = "AQ_JAVA_OPTS";

    private UserJvmOptions() {
    }

    /** The options in {@code variable}, split at white space as the shell splits them; none when unset. */
    public static List<String> of(String variable) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? List.of() : Arrays.asList(value.trim().split("\\s+"));
    }
}
