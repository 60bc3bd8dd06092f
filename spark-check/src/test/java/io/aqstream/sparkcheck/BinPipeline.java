package io.aqstream.sparkcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aqstream.testkit.KraftTestNode;
import io.aqstream.testkit.RepoFiles;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;

/** bin/pipeline as a user runs it (on dist/target/lib, the shipped classpath), and the Spark session reading its output. */
final class BinPipeline {

    private BinPipeline() {
    }

    /**
     * Runs bin/pipeline --file DATA into {@code output} against the test's node; fails with its output unless it
     * exits 0 within {@code guardMinutes} (a hang guard only, never a performance expectation); {@code more}
     * are further options of bin/pipeline.
     */
    static void run(Path data, Path output, KraftTestNode node, Path dir, long guardMinutes, String... more)
            throws Exception {
        List<String> cmd = new ArrayList<>(List.of("sh", RepoFiles.root().resolve("bin/pipeline").toString(), "--file",
                data.toString(), "--output", output.toString(), "--bootstrap-server", node.bootstrapServers()));
        cmd.addAll(List.of(more));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("pipeline.out").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("AQ_CLASSPATH", RepoFiles.root().resolve("dist/target/lib") + File.separator + "*");
        pb.environment().put("AQ_LOGS_DIR", dir.resolve("logs").toString());
        Process p = pb.start();
        if (!p.waitFor(guardMinutes, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("bin/pipeline did not finish within " + guardMinutes + " minutes: "
                    + Files.readString(dir.resolve("pipeline.out")));
        }
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("pipeline.out")));
    }

    /** Spark on one thread, no UI, its scratch files under {@code dir}. */
    static SparkSession spark(Path dir) {
        return SparkSession.builder().appName("aq-spark-check").master("local[1]")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "1")
                .config("spark.driver.host", "127.0.0.1").config("spark.local.dir", dir.resolve("spark").toString())
                .getOrCreate();
    }
}
