package io.aqstream.testkit;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A bin/ script run as a user runs it (the system shell, no input), on this test's classpath instead of a build of
 * dist/ (see bin/lib/aq.sh's AQ_CLASSPATH), with its logs and output files in {@code workDir}.
 */
public final class BinScript {
    /** What the script did; {@code finished} false when it was stopped after the hang guard. */
    public record Result(boolean finished, int exitCode, String out, String err) {
        @Override
        public String toString() {
            return (finished ? "exit " + exitCode : "did not finish") + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    private BinScript() {
    }

    public static Result run(Path workDir, long timeoutMinutes, String script, List<String> args)
            throws IOException, InterruptedException {
        return run(RepoFiles.root(), workDir, timeoutMinutes, script, args, Map.of());
    }

    /**
     * The same, for the bin/ scripts of the project at {@code home} (a copy, when a test must keep what the scripts
     * write there apart), with {@code environment} added to the user's (e.g. JAVA_HOME).
     */
    public static Result run(Path home, Path workDir, long timeoutMinutes, String script, List<String> args,
            Map<String, String> environment) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Path out = Files.createTempFile(workDir, script, ".out");
        Path err = Files.createTempFile(workDir, script, ".err");
        List<String> command = new ArrayList<>(List.of("sh", home.resolve("bin").resolve(script).toString()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("AQ_CLASSPATH", System.getProperty("java.class.path"));
        pb.environment().put("AQ_LOGS_DIR", workDir.resolve("logs").toString());
        pb.environment().putAll(environment);
        Process process = pb.start();
        boolean finished = process.waitFor(timeoutMinutes, TimeUnit.MINUTES); // a hang guard, not a timing expectation
        if (!finished) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        return new Result(finished, finished ? process.exitValue() : -1, Files.readString(out), Files.readString(err));
    }
}
