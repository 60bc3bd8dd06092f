package io.aqstream.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqstream.admin.AdminCommand;
import io.aqstream.common.cli.CommandRunner;
import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.LocalCluster;
import io.aqstream.kraft.secure.SecureFiles;
import io.aqstream.producer.GenerateCommand;
import io.aqstream.testkit.Cli;
import io.aqstream.testkit.CliResult;
import io.aqstream.testkit.KraftTestCluster;
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
 * bin/pipeline --nodes 3 --secure end to end, in-process on a project folder of the test's own (aq.home) whose
 * conf/cluster.properties places the cluster on free ports: it starts the secured 3-node cluster, replays as
 * the producer role, consumes as the consumer role with three consumers in one group, summarises the Parquet
 * and stops the cluster it started. One run for both options: the cluster and the secure profile are each
 * a node start of several seconds and JVMs of their own, and the pipeline's code for each is independent of
 * the other (the single secured node's parts are e2e's SecureProfileTest).
 */
class PipelineClusterTest {
    @TempDir
    Path home;
    private ProjectHome projectHome;

    @BeforeEach
    void ownProjectFolder() throws Exception {
        projectHome = ProjectHome.at(home);
        // The project's whole conf/ (JVM options, formats, topics, logging), then the cluster moved to free ports.
        Path conf = ProjectHome.copyProjectConf(home);
        int base = KraftTestCluster.freeBasePort();
        Files.writeString(home.resolve("conf/cluster.properties"), Files.readString(conf.resolve("cluster.properties"))
                .replace("127.0.0.1:9092", "127.0.0.1:" + (base + 2))
                .replace("CONTROLLER://127.0.0.1:9093", "CONTROLLER://127.0.0.1:" + (base + 3)));
    }

    @AfterEach
    void restoreHome() {
        projectHome.close();
    }

    @Test
    void startsTheSecureClusterRunsEachPartWithItsRoleAndThreeConsumersAndStopsIt() throws Exception {
        // 7 stations: their keys (station-01 .. station-07) hash into all 3 partitions, so all 3 hold rows.
        Path csv = home.resolve("data/stations");
        Files.createDirectories(csv);
        StringWriter err = new StringWriter();
        assertEquals(0, CommandRunner.run(new GenerateCommand(), new String[] {"--stations", "7", "--hours", "300",
            "--seed", "5", "-o", csv.toString()}, new PrintWriter(new StringWriter()), new PrintWriter(err)), err.toString());
        Path output = home.resolve("processed_data");

        CliResult run = Cli.run(new PipelineCommand(), "--nodes", "3", "--secure", "--file", csv.toString(), "--output", output.toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertTrue(run.err().contains("pipeline: consuming air-quality-data with 3 consumers in one group, one per"
                + " partition holding rows (3 of 3)"), run.err());
        assertTrue(run.err().contains("pipeline: stopping the cluster it started"), run.err());
        assertFalse(Files.exists(home.resolve(LocalCluster.DEFAULT_ROOT).resolve(LocalCluster.BOOTSTRAP_FILE)),
                "the stopped cluster's addresses are forgotten");

        Path secure = home.resolve("data/secure");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                SecureFiles.roleProperties(secure, "producer"))));
        // Each role can do only its part (the producer cannot read in a group, the consumer cannot write the
        // topic transactionally), so a run that got every row through used each part's own role.
        // The summary is the independent read of the files (it fails on duplicates): every row, once.
        CliResult summary = Cli.run(new AdminCommand(), "summary", output.toString());
        assertEquals(ExitCodes.OK, summary.exitCode(), summary.toString());
        assertTrue(summary.out().matches("(?s).*\\b2,?100 rows\\b.*"), summary.out());
    }
}
