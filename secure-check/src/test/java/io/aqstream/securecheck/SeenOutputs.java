package io.aqstream.securecheck;

import io.aqstream.testkit.Cli;
import io.aqstream.testkit.CliResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the commands of a secured test printed (stdout, stderr, scrapes), kept so that a test can check that
 * no password shows anywhere. Test methods may run in any order, so it is shared and thread-safe.
 */
final class SeenOutputs {
    private final List<String> texts = new ArrayList<>();

    /** Runs the command in-process, as {@link Cli#run}, and keeps what it printed. */
    CliResult run(Object command, String... args) {
        CliResult r = Cli.run(command, args);
        add(r.out());
        add(r.err());
        return r;
    }

    synchronized void add(String text) {
        texts.add(text);
    }

    synchronized List<String> all() {
        return new ArrayList<>(texts);
    }
}
