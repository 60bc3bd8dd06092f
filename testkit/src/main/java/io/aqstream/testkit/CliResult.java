package io.aqstream.testkit;

/**
 * What a command printed and returned, for assertions.
 *
 * @param out everything printed on the command's results writer (stdout)
 * @param err everything printed on the command's messages writer (stderr)
 */
public record CliResult(int exitCode, String out, String err) {
    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
    }
}
