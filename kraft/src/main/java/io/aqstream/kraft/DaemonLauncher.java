package io.aqstream.kraft;

import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.UserException;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code start-kraft --daemon}: starts the same command without --daemon in a new JVM (same Java, same
 * JVM options, same classpath) detached from the terminal, waits until it is ready, prints its ready
 * line and returns. The node keeps running after this process exits; bin/stop-kraft finds it by the pid
 * file in its data dir.
 */
final class DaemonLauncher {
    /** A guard against a node that hangs in start-up; a normal start takes a few seconds. */
    static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    /** The system property conf/log4j2.xml reads for the console's level (bin/lib/aq.sh sets it for -v). */
    private static final String CONSOLE_LEVEL = "aq.console.level";

    private final ConfigOptions configOptions;
    private final Path topicsFile;
    private final Integer metricsPort;
    private final PrintWriter out;
    private final PrintWriter err;

    DaemonLauncher(ConfigOptions configOptions, Path topicsFile, Integer metricsPort, PrintWriter out, PrintWriter err) {
        this.configOptions = configOptions;
        this.topicsFile = topicsFile;
        this.metricsPort = metricsPort;
        this.out = out;
        this.err = err;
    }

    int launch(NodeConfig config) throws IOException, InterruptedException {
        Path logsDir = StartKraft.logsDir();
        Files.createDirectories(logsDir);
        Path output = logsDir.resolve("server.out");
        // After the preflight checks: a node already running on this data dir stopped us before we got here.
        OutputRotation.rotate(output, OutputRotation.KEEP);

        List<String> args = new ArrayList<>(configOptions.asArgs());
        args.add("--topics");
        args.add(topicsFile.toString());
        if (metricsPort != null) {
            args.add("--metrics-port");
            args.add(metricsPort.toString());
        }
        // stdin: a pipe that NodeProcess closes at once (no /dev/null on Windows), so the node never reads the terminal.
        ProcessBuilder builder = new ProcessBuilder(childCommand(args))
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
        err.println("The node runs in the background (pid " + node.pid() + "). Stop it with bin/stop-kraft.");
        err.flush();
        return ExitCodes.OK;
    }

    /** java [this JVM's options] -cp [this classpath] StartKraft args, in its own session when setsid exists. */
    private static List<String> childCommand(List<String> args) {
        List<String> cmd = new ArrayList<>();
        // A new session: the node is not in the terminal's process group, so a later Ctrl-C or a closed
        // terminal does not reach it.
        for (String setsid : List.of("/usr/bin/setsid", "/bin/setsid")) {
            if (Files.isExecutable(Paths.get(setsid))) {
                cmd.add(setsid);
                break;
            }
        }
        cmd.add(ProcessHandle.current().info().command()
                .orElse(Paths.get(System.getProperty("java.home"), "bin", "java").toString()));
        List<String> jvmOptions = ManagementFactory.getRuntimeMXBean().getInputArguments();
        for (String option : jvmOptions) {
            if (!option.startsWith("-D" + CONSOLE_LEVEL + "=")) {
                cmd.add(option);
            }
        }
        // What the launcher (java -jar aq-stream.jar) set in this JVM rather than on its command line: the
        // project folder, the logs folder and the log configuration, so the node finds the same ones.
        for (String key : List.of("aq.home", "aq.logs.dir", "log4j2.configurationFile")) {
            String value = System.getProperty(key);
            if (value != null && jvmOptions.stream().noneMatch(o -> o.startsWith("-D" + key + "="))) {
                cmd.add("-D" + key + "=" + value);
            }
        }
        // -v shows the log on the console; a daemon's console is server.out, which is not rotated while the
        // node runs. The same lines are in server.log, rotated by size: keep them out of server.out.
        cmd.add("-D" + CONSOLE_LEVEL + "=OFF");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(StartKraft.class.getName());
        cmd.addAll(args);
        return cmd;
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
