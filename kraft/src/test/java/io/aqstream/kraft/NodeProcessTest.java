package io.aqstream.kraft;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A start interrupted before the node is ready (Ctrl-C on start-kraft --daemon, or on bin/pipeline while it
 * starts one) must not leave a node running that nobody was told about. The "node" here is a process that
 * never gets ready; the starting JVM is stopped with SIGTERM, as a terminal's Ctrl-C or a kill would.
 */
class NodeProcessTest {
    @TempDir
    Path dir;

    @Test
    void aStartStoppedBeforeReadyStopsItsNodeToo() throws Exception {
        Path pidFile = dir.resolve("node.pid");
        Process starter = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), NeverReadyStart.class.getName(),
                pidFile.toString(), dir.resolve("ready").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("starter.out").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos(); // a hang guard only
        while (!Files.isRegularFile(pidFile) || Files.readString(pidFile).isBlank()) {
            assertTrue(System.nanoTime() < deadline && starter.isAlive(), "the node never started: "
                    + Files.readString(dir.resolve("starter.out")));
            Thread.sleep(50);
        }
        long nodePid = Long.parseLong(Files.readString(pidFile).trim());
        assertTrue(ProcessHandle.of(nodePid).map(ProcessHandle::isAlive).orElse(false), "node running while starting");

        starter.destroy(); // SIGTERM
        assertTrue(starter.waitFor(1, TimeUnit.MINUTES), "the starter did not exit");
        ProcessHandle node = ProcessHandle.of(nodePid).orElse(null);
        if (node != null) {
            node.onExit().get(1, TimeUnit.MINUTES);
        }
        assertFalse(ProcessHandle.of(nodePid).map(ProcessHandle::isAlive).orElse(false), "the node outlived its start");
    }

    /** Starts a "node" that records its pid and never gets ready, as NodeProcess.start would a real one. */
    public static final class NeverReadyStart {
        public static void main(String[] args) throws Exception {
            // sh -c SCRIPT NAME ARGS...: NodeProcess appends --ready-file FILE, which the script ignores. The pid
            // comes a second late, as a real node's first signs of life do: the starter has then long passed
            // the microseconds between starting the process and guarding it.
            ProcessBuilder node = new ProcessBuilder("sh", "-c", "sleep 1 && echo $$ > '" + args[0] + ".tmp' && mv '" + args[0]
                    + ".tmp' '" + args[0] + "' && exec sleep 300", "never-ready-node");
            NodeProcess.start(node, Paths.get(args[1]), Duration.ofMinutes(5));
        }
    }
}
