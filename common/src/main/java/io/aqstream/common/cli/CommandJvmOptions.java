package io.aqstream.common.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A command's own JVM options file, {@code conf/jvm/COMMAND.options}, which bin/ scripts and the launcher pass
 * to java as {@code @FILE}: where it is, named once here for every Java code that starts a command's JVM or
 * reports its options (the launcher, the tests, the benchmarks).
 */
public final class CommandJvmOptions {
    private CommandJvmOptions() {
    }

    /** The options file of {@code command} (e.g. {@code consume}, {@code pipeline-steps}) under the project {@code home}. */
    public static Path file(Path home, String command) {
        return home.resolve("conf").resolve("jvm").resolve(command + ".options");
    }

    /** The options {@code file} gives java, in order: its lines without comments and blank lines. */
    public static List<String> read(Path file) throws IOException {
        List<String> options = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String option = line.strip();
            if (!option.isEmpty() && !option.startsWith("#")) {
                options.add(option);
            }
        }
        return options;
    }
}
