package io.aqstream.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqstream.admin.AdminCommand;
import io.aqstream.common.cli.CommandRunner;
import io.aqstream.common.cli.ExitCodes;
import io.aqstream.kraft.secure.SecureFiles;
import io.aqstream.producer.GenerateCommand;
import io.aqstream.testkit.Cli;
import io.aqstream.testkit.CliResult;
import io.aqstream.testkit.KraftTestNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/pipeline --secure end to end, in-process on a project folder of the test's own (aq.home) whose
 * conf/server.properties places the node on free ports: it starts the node with --secure, replays as the
 * producer role, consumes as the consumer role, summarises the Parquet and stops the node it started.
 */
class PipelineSecureTest {
    @TempDir
    Path home;
    private ProjectHome projectHome;

    @BeforeEach
    void ownProjectFolder() throws Exception {
        projectHome = ProjectHome.at(home);
        Path conf = ProjectHome.copyProjectConf(home);
        int[] ports = KraftTestNode.freePorts(2);
        Files.writeString(home.resolve("conf/server.properties"), Files.readString(conf.resolve("server.properties"))
                .replace("127.0.0.1:9092", "127.0.0.1:" + ports[0])
                .replace("127.0.0.1:9093", "127.0.0.1:" + ports[1]));
    }

    @AfterEach
    void restoreHome() {
        projectHome.close();
    }

    @Test
    void startsTheSecureNodeRunsEachPartWithItsRoleAndStopsIt() throws Exception {
        Path csv = home.resolve("data/station-7.csv");
        Files.createDirectories(csv.getParent());
        StringWriter err = new StringWriter();
        assertEquals(0, CommandRunner.run(new GenerateCommand(), new String[] {"--hours", "500", "--seed", "7", "-o",
            csv.toString()}, new PrintWriter(new StringWriter()), new PrintWriter(err)), err.toString());
        Path output = home.resolve("processed_data");

        CliResult run = Cli.run(new PipelineCommand(), "--secure", "--file", csv.toString(), "--output", output.toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertTrue(run.err().contains("pipeline: stopping the node it started"), run.err());
        Path secure = home.resolve("data/secure");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                SecureFiles.roleProperties(secure, "producer"))));
        // Each role can do only its part (the producer cannot read in a group, the consumer cannot write the
        // topic transactionally), so a run that got every row through used each part's own role.
        CliResult summary = Cli.run(new AdminCommand(), "summary", output.toString());
        assertEquals(ExitCodes.OK, summary.exitCode(), summary.toString());
        assertTrue(summary.out().matches("(?s).*\\b500 rows\\b.*"), summary.out());
    }
}
