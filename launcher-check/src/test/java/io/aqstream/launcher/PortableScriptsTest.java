package io.aqstream.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqstream.testkit.RepoFiles;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bin/ scripts are POSIX sh, as macOS's stock shell and Debian's dash run them: shellcheck in sh mode
 * finds nothing, and the commands answer --help under dash and under bash --posix. The Windows .cmd
 * files and the scripts call exactly the launcher's commands, each with its JVM options file.
 */
class PortableScriptsTest {
    private static final Path BIN = RepoFiles.root().resolve("bin");

    /** Where the scripts' logs go: JUnit deletes it after the class, so no run leaves folders in /tmp. */
    @TempDir
    static Path logs;

    @Test
    void shellcheckInShModeFindsNothing() throws Exception {
        Path shellcheck = tool("shellcheck", "apt-get install shellcheck");
        List<String> cmd = new ArrayList<>(List.of(shellcheck.toString(), "-s", "sh", "-x", "-P", "SCRIPTDIR"));
        cmd.add(BIN.resolve("lib/aq.sh").toString());
        shScripts().forEach(p -> cmd.add(p.toString()));
        Run run = run(cmd);
        assertEquals(0, run.code, run.output);
    }

    /**
     * Under dash every command, under bash --posix one: every script is the same two lines around
     * {@code aq_run NAME} (checked below), so what a shell can break is lib/aq.sh, which each command runs
     * alike; what a command can break (its name, options file and main) does not depend on the shell. Each
     * --help is a JVM start, so the second shell runs one instead of every command.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash --posix"})
    void commandsAnswerHelpUnderAPosixShell(String shell) throws Exception {
        List<String> shellCmd = List.of(shell.split(" "));
        tool(shellCmd.get(0), "apt-get install " + shellCmd.get(0));
        List<AqCommand> commands = shell.equals("dash") ? List.of(AqCommand.values()) : List.of(AqCommand.PRODUCE);
        for (AqCommand command : commands) {
            List<String> cmd = new ArrayList<>(shellCmd);
            cmd.add(BIN.resolve(command.userName).toString());
            cmd.add("--help");
            Run run = run(cmd);
            assertEquals(0, run.code, shell + " bin/" + command.userName + " --help: " + run.output);
            assertTrue(run.output.startsWith("Usage: " + command.userName), run.output);
        }
    }

    @Test
    void everyCommandHasAScriptACmdFileAndJvmOptions() throws IOException {
        Path windows = BIN.resolve("windows");
        Path aqCmd = windows.resolve("aq.cmd");
        String shared = Files.readString(aqCmd);
        assertTrue(shared.contains("\\dist\\target\\aq-stream.jar"), shared);
        assertTrue(shared.contains("\\conf\\jvm\\%1.options"), shared);
        assertTrue(shared.contains("mvnw.cmd"), shared);
        assertTrue(Files.isRegularFile(RepoFiles.root().resolve("mvnw.cmd")));
        for (AqCommand command : AqCommand.values()) {
            String script = Files.readString(BIN.resolve(command.userName));
            assertTrue(script.startsWith("#!/bin/sh\n"), command.userName);
            assertTrue(script.strip().endsWith("aq_run " + command.userName + " \"$@\""), script);
            String cmd = Files.readString(windows.resolve(command.userName + ".cmd"));
            assertTrue(cmd.contains("call \"%~dp0aq.cmd\" " + command.userName + " %*\r\n"), cmd);
            assertTrue(cmd.lines().count() <= 5, "a few lines: " + cmd);
            assertTrue(Files.isRegularFile(ChildJvm.optionsFile(RepoFiles.root(), command)), command.userName);
        }
        // Nothing else: every script and .cmd file is a command the launcher knows.
        List<String> names = Stream.of(AqCommand.values()).map(c -> c.userName).sorted().toList();
        assertEquals(names, shScripts().map(p -> p.getFileName().toString()).sorted().toList());
        try (Stream<Path> cmds = Files.list(windows)) {
            assertEquals(names, cmds.map(p -> p.getFileName().toString()).filter(n -> !n.equals("aq.cmd"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList());
        }
    }

    private static Stream<Path> shScripts() throws IOException {
        return Files.list(BIN).filter(Files::isRegularFile).sorted();
    }

    /** A tool on PATH; missing, it fails the test under CI=true (.ci/run installs it) and skips it elsewhere. */
    private static Path tool(String name, String install) {
        Optional<Path> found = Stream.of(System.getenv("PATH").split(File.pathSeparator))
                .filter(d -> !d.isEmpty()).map(d -> Paths.get(d, name)).filter(Files::isExecutable).findFirst();
        if (found.isEmpty()) {
            String message = name + " is not on PATH (Debian/Ubuntu: " + install + ")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(message + "; under CI=true it must be installed (.ci/run does it)");
            }
            Assumptions.abort(message);
        }
        return found.get();
    }

    private record Run(int code, String output) {
    }

    private static Run run(List<String> cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("AQ_CLASSPATH", System.getProperty("java.class.path"));
        pb.environment().put("AQ_LOGS_DIR", logs.toString());
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(2, TimeUnit.MINUTES)) { // a hang guard only
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", cmd) + " hung");
        }
        return new Run(p.exitValue(), output);
    }
}
