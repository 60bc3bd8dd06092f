package io.aqstream.lifecyclecheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqstream.common.cli.UserJvmOptions;
import io.aqstream.testkit.CliResult;
import io.aqstream.testkit.KraftTestNode;
import io.aqstream.testkit.RepoFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command through {@code java -jar dist/target/aq-stream.jar COMMAND}, with no shell in between: the
 * path the Windows .cmd files take, and the one for anyone without a POSIX shell. Run from a folder outside
 * the project, so the jar must find the project (conf/, logs/) by itself.
 */
class LauncherJarTest {
    private static final Path JAR = RepoFiles.root().resolve("dist/target/aq-stream.jar");
    private static final List<String> COMMANDS = List.of("start-kraft", "stop-kraft", "reset-kraft", "start-over",
            "produce", "consume", "aq-admin", "aq-report", "generate", "pipeline");

    @TempDir
    Path dir;
    private List<String> configArgs;

    @AfterEach
    void neverLeaveANodeBehind() throws Exception {
        if (configArgs != null) {
            jar("stop-kraft", configArgs);
        }
    }

    @Test
    void theLauncherListsEveryCommandAndEachAnswersHelp() throws Exception {
        CliResult usage = jar("--help", List.of());
        assertEquals(0, usage.exitCode(), usage.toString());
        for (String command : COMMANDS) {
            assertTrue(usage.out().contains("  " + command + " "), command + " listed: " + usage);
            CliResult help = jar(command, List.of("--help"));
            assertEquals(0, help.exitCode(), help.toString());
            assertTrue(help.out().startsWith("Usage: " + command), help.toString());
        }
        CliResult typo = jar("prodcue", List.of());
        assertEquals(2, typo.exitCode(), typo.toString());
        assertTrue(typo.err().startsWith("error: unknown command 'prodcue'. Did you mean 'produce'?"), typo.toString());
    }

    @Test
    void theWholeLifecycleRunsWithoutAShell() throws Exception {
        int[] ports = KraftTestNode.freePorts(2);
        String bootstrap = "127.0.0.1:" + ports[0];
        configArgs = List.of("--override", "log.dirs=" + dir.resolve("kraft"),
                "--override", "listeners=PLAINTEXT://" + bootstrap + ",CONTROLLER://127.0.0.1:" + ports[1],
                "--override", "controller.quorum.bootstrap.servers=127.0.0.1:" + ports[1]);
        Path csv = dir.resolve("station.csv");
        Path output = dir.resolve("processed");

        CliResult start = jar("start-kraft", with(configArgs, "--daemon"));
        assertEquals(0, start.exitCode(), start.toString());
        assertTrue(start.out().startsWith("KRaft node ready: bootstrap.servers=" + bootstrap), start.toString());
        assertTrue(Files.isRegularFile(dir.resolve("logs/server.log")), "the node logs where AQ_LOGS_DIR says");

        assertEquals(0, jar("generate", List.of("--hours", "500", "-o", csv.toString())).exitCode());
        CliResult produce = jar("produce", List.of(csv.toString(), "--bootstrap-server", bootstrap, "--speed", "max"));
        assertEquals(0, produce.exitCode(), produce.toString());
        CliResult consume = jar("consume", List.of("--bootstrap-server", bootstrap, "--output", output.toString(),
                "--stop-at-end", "--stop-after-idle", "3"));
        assertEquals(0, consume.exitCode(), consume.toString());
        CliResult summary = jar("aq-admin", List.of("summary", output.toString()));
        assertEquals(0, summary.exitCode(), summary.toString());
        assertTrue(summary.out().contains("500"), summary.toString());

        // The pipeline on the same file and node: nothing new to send, nothing written twice.
        CliResult pipeline = jar("pipeline", List.of("--file", csv.toString(), "--bootstrap-server", bootstrap,
                "--output", output.toString()));
        assertEquals(0, pipeline.exitCode(), pipeline.toString());
        assertTrue(pipeline.out().contains("500"), pipeline.toString());

        CliResult stop = jar("stop-kraft", configArgs);
        assertEquals(0, stop.exitCode(), stop.toString());
        CliResult reset = jar("reset-kraft", with(configArgs, "--yes"));
        assertEquals(0, reset.exitCode(), reset.toString());
        assertTrue(!Files.exists(dir.resolve("kraft")), reset.toString());
        CliResult over = jar("start-over", with(with(configArgs, "--output", output.toString()), "--yes"));
        assertEquals(0, over.exitCode(), over.toString());
        assertTrue(!Files.exists(output.resolve("air-quality-data")), over.toString());
        configArgs = null;
    }

    private static List<String> with(List<String> args, String... more) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(more));
        return all;
    }

    /** java -jar aq-stream.jar COMMAND ARGS, in the test's folder, logs in its logs/. */
    private CliResult jar(String command, List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString()));
        // The tests' JVM options (C1 only: surefire's AQ_JAVA_OPTS), as every other JVM a test starts gets them;
        // the daemon's node inherits them from this JVM, and the pipeline's steps read the variable themselves.
        cmd.addAll(UserJvmOptions.of(UserJvmOptions.MORE));
        cmd.addAll(List.of("-jar", JAR.toString(), command));
        cmd.addAll(args);
        Path out = Files.createTempFile(dir, command, ".out");
        Path err = Files.createTempFile(dir, command, ".err");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("AQ_LOGS_DIR", dir.resolve("logs").toString());
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(5, TimeUnit.MINUTES)) { // a hang guard, not a timing expectation
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", cmd) + " hung");
        }
        return new CliResult(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
