package io.aqstream.testkit;

/** What a command printed and returned, for assertions. */
public final class CliResult {
    private final int exitCode;
    private final String out;
    private final String err;

    public CliResult(int exitCode, String out, String err) {
        this.exitCode = exitCode;
        this.out = out;
        this.err = err;
    }

    public int exitCode() {
        return exitCode;
    }

    /** Everything printed on the command's results writer (stdout). */
    public String out() {
        return out;
    }

    /** Everything printed on the command's messages writer (stderr). */
    public String err() {
        return err;
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
    }
}
