package io.aqstream.kraft;

import io.aqstream.common.cli.UserJvmOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import io.aqstream.common.cli.CommandRunner;

/**
 * Real nodes for this module's tests (the testkit's KraftTestNode cannot be used here: testkit depends
 * on this module). Same way of starting: the launcher main in a child JVM on free ports.
 */
final class TestNodes {
    static final Duration HANG_GUARD = Duration.ofMinutes(3);

    private TestNodes() {
    }

    static Path repoRoot() {
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("conf/server.properties")) && Files.isDirectory(p.resolve("bin"))) {
                return p;
            }
        }
        throw new IllegalStateException("repository root not found");
    }

    /** start-kraft arguments for a node with its data in {@code dataDir}, on the given ports. */
    static List<String> args(Path dataDir, int clientPort, int controllerPort, String... extraOverrides) {
        List<String> args = configArgs(dataDir, clientPort, controllerPort, extraOverrides);
        args.add("--topics");
        args.add(repoRoot().resolve("conf/topics.conf").toString());
        return args;
    }

    /** --config and --override arguments (what start-, stop- and reset-kraft share) for such a node. */
    static List<String> configArgs(Path dataDir, int clientPort, int controllerPort, String... extraOverrides) {
        Path conf = repoRoot().resolve("conf");
        List<String> args = new ArrayList<>(List.of(
                "--config", conf.resolve("server.properties").toString(),
                "--override", "log.dirs=" + dataDir,
                "--override", "listeners=PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "--override", "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort));
        for (String o : extraOverrides) {
            args.add("--override");
            args.add(o);
        }
        return args;
    }

    /** Starts a node in a child JVM, its output appended to {@code dir/node.out}; returns once it is ready. */
    static NodeProcess start(Path dir, List<String> args) throws IOException, InterruptedException {
        Path logs = dir.resolve("logs");
        Files.createDirectories(logs);
        List<String> cmd = new ArrayList<>(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC"));
        cmd.addAll(UserJvmOptions.of(UserJvmOptions.MORE)); // the tests' JVM options (C1 only), as JavaProcess gives them
        cmd.addAll(List.of(
                "-Daq.logs.dir=" + logs,
                "-Dlog4j2.configurationFile=" + repoRoot().resolve("conf/log4j2.xml"),
                "-cp", System.getProperty("java.class.path"),
                StartKraft.class.getName()));
        cmd.addAll(args);
        cmd.addAll(List.of("--stop-with-parent", Long.toString(ProcessHandle.current().pid())));
        ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("node.out").toFile()));
        try {
            return NodeProcess.start(builder, dir.resolve("ready"), HANG_GUARD);
        } catch (NodeProcess.NodeStartException e) {
            throw new IllegalStateException(e.getMessage() + ":\n" + output(dir), e);
        }
    }

    static String output(Path dir) {
        try {
            return Files.readString(dir.resolve("node.out"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    static int[] freePorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                sockets.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket s : sockets) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // nothing to do
                }
            }
        }
    }

    /** Runs a command in this JVM, as main would, capturing exit code and output. */
    static Result run(Object command, List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CommandRunner.run(command, args.toArray(new String[0]), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    static final class Result {
        final int exitCode;
        final String out;
        final String err;

        Result(int exitCode, String out, String err) {
            this.exitCode = exitCode;
            this.out = out;
            this.err = err;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout: " + out + "\nstderr: " + err;
        }
    }
}
