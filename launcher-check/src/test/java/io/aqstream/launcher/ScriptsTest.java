package io.aqstream.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqstream.kraft.NodeConfig;
import io.aqstream.kraft.NodeLock;
import io.aqstream.kraft.OutputRotation;
import io.aqstream.kraft.ProcessExit;
import io.aqstream.testkit.CliResult;
import io.aqstream.testkit.KraftTestNode;
import io.aqstream.testkit.RepoFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/start-kraft --daemon, bin/stop-kraft, bin/reset-kraft and bin/start-over as a user runs them, under
 * the system shell (sh), on free ports and temp data.
 */
class ScriptsTest {
    private static final long HANG_GUARD_SECONDS = 180;
    @TempDir
    Path dir;
    private NodeConfig config;

    @AfterEach
    void neverLeaveANodeBehind() {
        if (config != null) {
            OptionalLong pid = NodeLock.runningPid(config);
            pid.ifPresent(p -> ProcessHandle.of(p).ifPresent(ProcessHandle::destroyForcibly));
        }
    }

    @Test
    void daemonStartsReadyThenStopWaitsUntilGoneThenResetDeletes() throws Exception {
        int[] ports = KraftTestNode.freePorts(2);
        List<String> configArgs = configArgs(dir.resolve("data"), ports[0], ports[1]);
        config = load(configArgs);

        CliResult start = script("start-kraft", configArgs, "--daemon");
        assertEquals(0, start.exitCode(), start.toString());
        assertTrue(start.out().startsWith("KRaft node ready: bootstrap.servers=127.0.0.1:" + ports[0] + " cluster.id="),
                start.toString());
        assertEquals(1, start.out().strip().lines().count(), "one ready line: " + start);
        OptionalLong pid = NodeLock.runningPid(config);
        assertTrue(pid.isPresent(), "node not running after --daemon returned");
        assertTrue(start.out().contains("(pid " + pid.getAsLong() + ","), start.toString());
        assertTrue(Files.isRegularFile(dir.resolve("data").resolve(NodeLock.PID_FILE)));
        assertTrue(Files.isRegularFile(dir.resolve("logs/server.log")));

        CliResult stop = script("stop-kraft", configArgs);
        assertEquals(0, stop.exitCode(), stop.toString());
        assertEquals("KRaft node stopped (pid " + pid.getAsLong() + ").", stop.out().strip());
        assertTrue(ProcessExit.ended(pid.getAsLong()), "still running");
        assertFalse(Files.exists(dir.resolve("data").resolve(NodeLock.PID_FILE)), "pid file left behind");

        CliResult again = script("stop-kraft", configArgs);
        assertEquals(0, again.exitCode(), again.toString());
        assertTrue(again.out().startsWith("No KRaft node is running"), again.toString());

        CliResult reset = script("reset-kraft", configArgs, "--yes");
        assertEquals(0, reset.exitCode(), reset.toString());
        assertFalse(Files.exists(dir.resolve("data")), reset.toString());
    }

    @Test
    void startOverStopsTheDaemonAndDeletesItsDataAndTheParquetFoldersWithTheirReports() throws Exception {
        int[] ports = KraftTestNode.freePorts(2);
        List<String> configArgs = configArgs(dir.resolve("data"), ports[0], ports[1]);
        config = load(configArgs);
        Path processed = dir.resolve("processed");
        Path topicFolder = Files.createDirectories(processed.resolve("air-quality-data"));
        Files.writeString(topicFolder.resolve(io.aqstream.common.processed.FileNames.finished("air-quality-data", 1, 0, 9)),
                "parquet");
        Path report = Files.writeString(processed.resolve("air-quality-data-report.html"), "<html>");
        Path somebodyElses = Files.writeString(processed.resolve("notes.html"), "<html>");
        CliResult start = script("start-kraft", configArgs, "--daemon");
        assertEquals(0, start.exitCode(), start.toString());
        long pid = NodeLock.runningPid(config).orElseThrow();

        List<String> args = new ArrayList<>(configArgs);
        args.addAll(List.of("--output", processed.toString()));
        CliResult over = script("start-over", args, "--yes");
        assertEquals(0, over.exitCode(), over.toString());
        assertTrue(over.out().startsWith("Started over. Done:"), over.toString());
        assertTrue(ProcessExit.ended(pid), "node still running");
        assertFalse(Files.exists(dir.resolve("data")), over.toString());
        assertFalse(Files.exists(topicFolder), over.toString());
        assertFalse(Files.exists(report), over.toString());
        assertTrue(over.out().contains("delete its report " + report), over.toString());
        assertTrue(Files.exists(somebodyElses), "a file bin/aq-report did not name stays");
        assertTrue(Files.isDirectory(processed), "the processed data root itself stays");
    }

    /**
     * logs/server.out is the daemon node's console: each start gets a fresh one and the previous ones are
     * kept as server.out.1 (the last) to server.out.5; the log proper is server.log, even with -v.
     */
    @Test
    void eachDaemonStartKeepsThePreviousOutputsAsServerOutNumbered() throws Exception {
        int[] ports = KraftTestNode.freePorts(2);
        List<String> configArgs = configArgs(dir.resolve("data"), ports[0], ports[1]);
        config = load(configArgs);
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Path serverOut = logs.resolve("server.out");
        for (int i = 0; i <= OutputRotation.KEEP; i++) {
            Files.writeString(i == 0 ? serverOut : OutputRotation.numbered(serverOut, i), "output of start -" + i + "\n");
        }

        CliResult start = script("start-kraft", configArgs, "--daemon", "-v");
        assertEquals(0, start.exitCode(), start.toString());
        long pid = NodeLock.runningPid(config).orElseThrow();
        for (int i = 1; i <= OutputRotation.KEEP; i++) {
            assertEquals("output of start -" + (i - 1) + "\n", Files.readString(OutputRotation.numbered(serverOut, i)));
        }
        assertFalse(Files.exists(OutputRotation.numbered(serverOut, OutputRotation.KEEP + 1)), "the oldest is deleted");
        String output = Files.readString(serverOut);
        assertTrue(output.contains("KRaft node ready") && !output.contains("output of start"), output);
        assertFalse(output.contains("Start-up: "), "-v shows the log on the launcher's console, not in server.out: "
                + output);

        CliResult stop = script("stop-kraft", configArgs);
        assertEquals(0, stop.exitCode(), stop.toString());
        List<String> log = Files.readAllLines(logs.resolve("server.log"));
        assertTrue(log.stream().anyMatch(l -> l.contains(" [" + pid + " server] ") && l.contains("KRaft node ready")),
                String.join("\n", log));
        assertTrue(log.stream().anyMatch(l -> l.contains(" [" + pid + " server] ") && l.endsWith("KRaft node stopped")),
                String.join("\n", log));
    }

    /** --config and --override arguments (what start-, stop- and reset-kraft share) for a node in {@code dataDir}. */
    static List<String> configArgs(Path dataDir, int clientPort, int controllerPort) {
        return new ArrayList<>(List.of(
                "--config", RepoFiles.root().resolve("conf/server.properties").toString(),
                "--override", "log.dirs=" + dataDir,
                "--override", "listeners=PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "--override", "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort));
    }

    /** The node configuration these --config/--override arguments name, as the scripts load it. */
    private static NodeConfig load(List<String> configArgs) {
        return NodeConfig.load(RepoFiles.root().resolve("conf/server.properties"),
                configArgs.subList(2, configArgs.size()).stream().filter(a -> !a.equals("--override"))
                        .collect(java.util.stream.Collectors.toList()));
    }

    private CliResult script(String name, List<String> args, String... more) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("sh", RepoFiles.root().resolve("bin").resolve(name).toString()));
        cmd.addAll(args);
        cmd.addAll(List.of(more));
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        Map<String, String> env = pb.environment();
        env.put("AQ_CLASSPATH", System.getProperty("java.class.path"));
        env.put("AQ_LOGS_DIR", dir.resolve("logs").toString());
        env.put("AQ_HEAP_OPTS", "-Xmx384m");
        Process p = pb.start();
        if (!p.waitFor(HANG_GUARD_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(name + " hung");
        }
        return new CliResult(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
