package io.aqstream.testkit;

import io.aqstream.common.cli.CommandRunner;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs a picocli command in-process, as {@code main} would, capturing its two writers. */
public final class Cli {
    private Cli() {
    }

    public static CliResult run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CommandRunner.run(command, args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliResult(code, out.toString(), err.toString());
    }
}
