package io.aqstream.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqstream.admin.AdminCommand;
import io.aqstream.common.cli.CommandRunner;
import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.LocalCluster;
import io.aqstream.producer.GenerateCommand;
import io.aqstream.testkit.Cli;
import io.aqstream.testkit.CliResult;
import io.aqstream.testkit.KraftTestCluster;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/pipeline --nodes 3 end to end, in-process on a project folder of the test's own (aq.home) whose
 * conf/cluster.properties places the cluster on free ports: it starts the 3-node cluster, replays, consumes
 * with three consumers in one group, summarises the Parquet and stops the cluster it started.
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
    void startsTheClusterReplaysConsumesWithThreeConsumersSummarisesAndStopsIt() throws Exception {
        // 7 stations: their keys (station-01 .. station-07) hash into all 3 partitions, so all 3 hold rows.
        Path csv = home.resolve("data/stations");
        Files.createDirectories(csv);
        StringWriter err = new StringWriter();
        assertEquals(0, CommandRunner.run(new GenerateCommand(), new String[] {"--stations", "7", "--hours", "300",
            "--seed", "5", "-o", csv.toString()}, new PrintWriter(new StringWriter()), new PrintWriter(err)), err.toString());
        Path output = home.resolve("processed_data");

        CliResult run = Cli.run(new PipelineCommand(), "--nodes", "3", "--file", csv.toString(), "--output", output.toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertTrue(run.err().contains("pipeline: consuming air-quality-data with 3 consumers in one group, one per"
                + " partition holding rows (3 of 3)"), run.err());
        assertTrue(run.err().contains("pipeline: stopping the cluster it started"), run.err());
        assertFalse(Files.exists(home.resolve(LocalCluster.DEFAULT_ROOT).resolve(LocalCluster.BOOTSTRAP_FILE)),
                "the stopped cluster's addresses are forgotten");

        // The summary is the independent read of the files (it fails on duplicates): every row, once.
        CliResult summary = Cli.run(new AdminCommand(), "summary", output.toString());
        assertEquals(ExitCodes.OK, summary.exitCode(), summary.toString());
        assertTrue(summary.out().matches("(?s).*\\b2,?100 rows\\b.*"), summary.out());
    }
}
