package io.aqstream.common.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqstream.common.TaskThreads;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

class CommandRunnerTest {
    @Command(name = "demo", exitCodeListHeading = "Exit codes:%n", exitCodeList = {})
    static final class Demo implements Callable<Integer> {
        @Option(names = "--fail-with")
        String failure;
        @Mixin
        KafkaClientOptions kafka = new KafkaClientOptions();
        Properties seen;

        @Override
        public Integer call() {
            if ("user".equals(failure)) {
                throw new IllegalStateException("wrapped", new UserException(ExitCodes.BAD_INPUT, "data.csv:3:5: bad"));
            }
            if ("memory".equals(failure)) {
                // As a station's thread of bin/produce meets it: the others stop, and the command hears of it.
                TaskThreads.runAll(java.util.Map.of("station-1", () -> {
                    throw new OutOfMemoryError("Java heap space");
                }, "station-2", () -> { }), () -> { });
            }
            if ("bug".equals(failure)) {
                throw new IllegalStateException("boom");
            }
            seen = kafka.clientProperties();
            return ExitCodes.OK;
        }
    }

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Object command, String... args) {
        return CommandRunner.run(command, args, new PrintWriter(out), new PrintWriter(err));
    }

    @Test
    void userErrorsAreOneLineWithTheirExitCodeEvenWhenWrapped() {
        assertEquals(ExitCodes.BAD_INPUT, run(new Demo(), "--fail-with", "user"));
        assertEquals("error: data.csv:3:5: bad", err.toString().strip());
        assertFalse(err.toString().contains("at io.aqstream"), "no stack trace for user errors");
    }

    @Test
    void unexpectedErrorsAreSummarisedWithoutStackTrace() {
        assertEquals(ExitCodes.FAILURE, run(new Demo(), "--fail-with", "bug"));
        assertTrue(err.toString().contains("IllegalStateException: boom"), err.toString());
        assertFalse(err.toString().contains("\tat "), err.toString());
    }

    @Test
    void runningOutOfMemoryInATaskIsAnEnvironmentErrorWithTheFixNotABug() {
        assertEquals(ExitCodes.ENVIRONMENT, run(new Demo(), "--fail-with", "memory"));
        String line = err.toString().strip();
        assertTrue(line.startsWith("error: demo ran out of memory (its Java heap is "), line);
        assertTrue(line.contains("AQ_HEAP_OPTS=-Xmx1g") && line.contains("the same command goes on"), line);
        assertEquals(1, line.lines().count(), line);
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertEquals(ExitCodes.USAGE, run(new Demo(), "--no-such-option"));
        assertTrue(err.toString().contains("Unknown option"), err.toString());
    }

    @Test
    void aTypoGivesTheErrorTheNearestOptionAndWhereHelpIsButNoUsage() {
        assertEquals(ExitCodes.USAGE, run(new Demo(), "--bootstrap-servr"));
        String text = err.toString();
        assertTrue(text.startsWith("error: Unknown option: '--bootstrap-servr'"), text);
        assertTrue(text.contains("did you mean --bootstrap-server"), text);
        assertTrue(text.contains("--help' for the options."), text);
        assertFalse(text.contains("Usage:"), "no full usage: " + text);
        assertTrue(text.strip().lines().count() <= 3, "a few lines at most: " + text);
    }

    @Test
    void swappedLettersStillFindTheOption() {
        assertEquals(ExitCodes.USAGE, run(new Demo(), "--bootstrap-sevrer"));
        assertTrue(err.toString().contains("did you mean --bootstrap-server"), err.toString());
        assertEquals(1, Typos.distance("--deamon", "--daemon"));
    }

    @Test
    void commandConfigIsLoadedAndTheFlagWinsForBootstrap(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("client.properties");
        Files.writeString(config, "security.protocol=SASL_SSL\nbootstrap.servers=elsewhere:9092\n");
        Demo demo = new Demo();
        assertEquals(ExitCodes.OK, run(demo, "--bootstrap-server", "broker:9094", "--command-config", config.toString()));
        assertEquals("SASL_SSL", demo.seen.getProperty("security.protocol"));
        assertEquals("broker:9094", demo.seen.getProperty("bootstrap.servers"));
    }

    @Test
    void commandConfigBootstrapIsUsedWhenNoFlagIsGiven(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("client.properties");
        Files.writeString(config, "bootstrap.servers=elsewhere:9092\n");
        Demo demo = new Demo();
        assertEquals(ExitCodes.OK, run(demo, "--command-config", config.toString()));
        assertEquals("elsewhere:9092", demo.seen.getProperty("bootstrap.servers"));
    }

    @Test
    void missingCommandConfigNamesTheFile(@TempDir Path dir) {
        assertEquals(ExitCodes.USAGE, run(new Demo(), "--command-config", dir.resolve("nope.properties").toString()));
        assertTrue(err.toString().contains("nope.properties: no such file"), err.toString());
    }
}
