package io.aqstream.kraft;

import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.UserException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code start-kraft --daemon}: starts the same command without --daemon in a new JVM ({@link NodeJvm}: same
 * Java and classpath, start-kraft's JVM options) detached from the terminal, waits until it is ready, prints its ready
 * line and returns. The node keeps running after this process exits; bin/stop-kraft finds it by the pid
 * file in its data dir.
 */
final class DaemonLauncher {
    /** A guard against a node that hangs in start-up; a normal start takes a few seconds. */
    static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    private final NodeJvm jvm;
    private final List<String> nodeArgs;
    private final List<String> jvmOptions;
    private final Integer metricsPort;
    private final String stopCommand;
    private final PrintWriter out;
    private final PrintWriter err;

    /**
     * @param jvm the node's JVM: its options
     * @param nodeArgs the node's own start-kraft arguments (configuration, topics, --node)
     * @param jvmOptions JVM options the node gets after those
     * @param stopCommand what stops this node alone, for the user ({@code bin/stop-kraft --node 2})
     */
    DaemonLauncher(NodeJvm jvm, List<String> nodeArgs, List<String> jvmOptions, Integer metricsPort, String stopCommand,
            PrintWriter out, PrintWriter err) {
        this.jvm = jvm;
        this.nodeArgs = nodeArgs;
        this.jvmOptions = jvmOptions;
        this.metricsPort = metricsPort;
        this.stopCommand = stopCommand;
        this.out = out;
        this.err = err;
    }

    int launch(NodeConfig config) throws IOException, InterruptedException {
        Path logsDir = StartKraft.logsDir();
        Files.createDirectories(logsDir);
        Path output = logsDir.resolve("server.out");
        // After the preflight checks: a node already running on this data dir stopped us before we got here.
        OutputRotation.rotate(output, OutputRotation.KEEP);

        List<String> args = new ArrayList<>(nodeArgs);
        if (metricsPort != null) {
            args.add("--metrics-port");
            args.add(metricsPort.toString());
        }
        // stdin: a pipe that NodeProcess closes at once (no /dev/null on Windows), so the node never reads the terminal.
        ProcessBuilder builder = new ProcessBuilder(jvm.command(args, jvmOptions))
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectOutput(ProcessBuilder.Redirect.to(output.toFile()))
                .redirectErrorStream(true);
        Path readyFile = config.metadataLogDir().resolve("aq-kraft.ready");
        err.println("Starting the KRaft node in the background; its output goes to " + output + "...");
        err.flush();
        NodeProcess node;
        try {
            node = NodeProcess.start(builder, readyFile, READY_TIMEOUT);
        } catch (NodeProcess.NodeStartException e) {
            // The node printed its own one-line reason into server.out: pass it on.
            String reason = errorLines(output);
            int code = e.exitCode() > 0 && e.exitCode() < 128 ? e.exitCode() : ExitCodes.FAILURE;
            throw new UserException(code, (reason.isEmpty() ? e.getMessage() + "." : reason)
                    + (reason.contains("logs/") || reason.contains("server.log") ? "" : " See " + output + " and "
                    + logsDir.resolve("server.log") + "."));
        } finally {
            Files.deleteIfExists(readyFile);
        }
        out.println(node.ready().readyLine());
        out.flush();
        err.println("The node runs in the background (pid " + node.pid() + "). Stop it with " + stopCommand + ".");
        err.flush();
        return ExitCodes.OK;
    }

    private static String errorLines(Path output) {
        try {
            String text = Files.readString(output, StandardCharsets.UTF_8);
            StringBuilder errors = new StringBuilder();
            for (String line : text.split("\\R")) {
                if (line.startsWith("error: ")) {
                    errors.append(errors.length() == 0 ? "" : " ").append(line.substring(7));
                }
            }
            return errors.toString();
        } catch (IOException e) {
            return "";
        }
    }
}
