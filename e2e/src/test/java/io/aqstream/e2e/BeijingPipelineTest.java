package io.aqstream.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqstream.consumer.ConsumeCommand;
import io.aqstream.testkit.BinScript;
import io.aqstream.testkit.Cli;
import io.aqstream.testkit.CliResult;
import io.aqstream.testkit.KraftTestNode;
import io.aqstream.testkit.RepoFiles;
import io.aqstream.testkit.WithKraftNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/pipeline --file DIR on Beijing station files: replayed into the format's topic and consumed from it. */
@WithKraftNode
class BeijingPipelineTest {
    @TempDir
    Path dir;
    private final KraftTestNode node;

    BeijingPipelineTest(KraftTestNode node) {
        this.node = node;
    }

    @Test
    void aFolderOfStationsGoesThroughThePipelineIntoItsOwnTopicAndFolder() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("beijing"));
        for (String s : List.of("Changping", "Tiantan")) {
            Path real = RepoFiles.beijingFile(s);
            Files.writeString(folder.resolve(real.getFileName()),
                    String.join("\r\n", Files.readAllLines(real).subList(0, 2001)) + "\r\n");
        }
        Path output = dir.resolve("processed");
        BinScript.Result r = BinScript.run(dir.resolve("work"), 10, "pipeline", List.of("--file", folder.toString(),
                "--bootstrap-server", node.bootstrapServers(), "--output", output.toString()));
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.err().contains("pipeline: done"), r.toString());
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
            String parquet = "read_parquet('" + output.resolve("air-quality-beijing") + "/*.parquet')";
            assertEquals(4000L, BeijingDuckDbTest.one(st, "SELECT count(DISTINCT (station, timestamp)) FROM " + parquet));
            assertEquals(4000L, BeijingDuckDbTest.one(st, "SELECT count(*) FROM " + parquet));
        }
        // The format can also be named: the same topic again, by another group, into another folder.
        CliResult again = Cli.run(new ConsumeCommand(), "--bootstrap-server", node.bootstrapServers(), "--output",
                dir.resolve("again").toString(), "--group", "again", "--topic", "air-quality-beijing", "--format",
                "beijing", "--stop-at-end", "--stop-after-idle", "3", "--progress", "0");
        assertEquals(0, again.exitCode(), again.toString());
        assertTrue(again.out().contains("rows written:    4000"), again.out());
    }
}
