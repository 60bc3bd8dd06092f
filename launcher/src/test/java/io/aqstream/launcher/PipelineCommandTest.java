package io.aqstream.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqstream.common.cli.ExitCodes;
import io.aqstream.testkit.Cli;
import io.aqstream.testkit.CliResult;
import io.aqstream.testkit.RepoFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/pipeline's checks before it starts anything: a mistyped or bad option (its own or bin/produce's), a
 * missing data file, and a port held by a program that is not Kafka each give one line and an exit code,
 * and start nothing. Run in-process on a project folder of the test's own (aq.home).
 */
class PipelineCommandTest {
    @TempDir
    Path home;
    private ProjectHome projectHome;

    @BeforeEach
    void ownProjectFolder() throws Exception {
        projectHome = ProjectHome.at(home);
        Files.createDirectories(home.resolve("conf"));
        Files.createDirectories(home.resolve("data"));
    }

    @AfterEach
    void restoreHome() {
        projectHome.close();
    }

    @Test
    void aTypoInAPipelineOrProduceOptionNamesTheNearestOne() {
        CliResult own = Cli.run(new PipelineCommand(), "--fil", "x.csv");
        assertEquals(ExitCodes.USAGE, own.exitCode(), own.toString());
        assertTrue(own.err().contains("did you mean --file"), own.err());
        assertFalse(own.err().contains("Usage:"), own.err());

        CliResult produce = Cli.run(new PipelineCommand(), "--bach-size", "100");
        assertEquals(ExitCodes.USAGE, produce.exitCode(), produce.toString());
        assertTrue(produce.err().contains("did you mean --batch-size"), produce.err());
    }

    @Test
    void aBadValueOfAProduceOptionIsRefusedBeforeAnythingStarts() {
        CliResult result = Cli.run(new PipelineCommand(), "--speed", "fast");
        assertEquals(ExitCodes.USAGE, result.exitCode(), result.toString());
        assertTrue(result.err().startsWith("error: Invalid value for option '--speed': 'fast'"), result.err());
    }

    @Test
    void helpListsProducesOptionsAndTheExitCodes() {
        CliResult result = Cli.run(new PipelineCommand(), "--help");
        assertEquals(ExitCodes.OK, result.exitCode(), result.toString());
        for (String option : new String[] {"--file", "--keep-node", "--speed", "--batch-size", "--bootstrap-server"}) {
            assertTrue(result.out().contains(option), option + " in " + result.out());
        }
        assertFalse(result.out().contains("--single-source"), "the pipeline always uses it: " + result.out());
        assertTrue(result.out().contains("Exit codes:"), result.out());
    }

    @Test
    void aMissingShippedFileSaysHowToGetItBack() {
        CliResult result = Cli.run(new PipelineCommand());
        assertEquals(ExitCodes.BAD_INPUT, result.exitCode(), result.toString());
        assertTrue(result.err().contains("data/AirQualityUCI.csv: no such file"), result.err());
        assertTrue(result.err().contains("git checkout -- data/AirQualityUCI.csv"), result.err());
        assertTrue(result.err().contains(PipelineCommand.UCI_PAGE), result.err());
        assertEquals(1, result.err().strip().lines().count(), "one line: " + result.err());
    }

    @Test
    void aNonKafkaProgramOnTheNodesPortIsNamedNotWaitedFor() throws Exception {
        Files.copy(RepoFiles.root().resolve("data/AirQualityUCI.csv"), home.resolve("data/AirQualityUCI.csv"));
        try (KafkaProbeTest.FakeServer web = new KafkaProbeTest.FakeServer("HTTP/1.1 400 Bad Request\r\n\r\n")) {
            Files.writeString(home.resolve("conf/server.properties"), Files.readString(
                    RepoFiles.root().resolve("conf/server.properties"))
                    .replace("127.0.0.1:9092", "127.0.0.1:" + web.port()));
            CliResult result = Cli.run(new PipelineCommand());
            assertEquals(ExitCodes.ENVIRONMENT, result.exitCode(), result.toString());
            String error = result.err().lines().filter(l -> l.startsWith("error: ")).findFirst().orElse("");
            assertTrue(error.startsWith("error: 127.0.0.1:" + web.port() + " is held by"), result.err());
            assertTrue(error.contains("does not answer as Kafka"), result.err());
            assertFalse(result.err().contains("using the Kafka node"), result.err());
            assertEquals(2, result.err().strip().lines().count(), "the data line and one error line: " + result.err());
        }
    }
}
