package io.aqstream.kraft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqstream.common.cli.ExitCodes;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A port of the local cluster taken by another program: start-kraft names the node and the listener, and the
 * fix it gives is one the cluster honours (node 1's listeners in conf/cluster.properties move all three nodes;
 * a node's own --override of its listeners or quorum addresses would be replaced by the launcher). The check
 * runs before any node is launched, so no JVM is started here.
 */
class ClusterPortInUseTest {
    @TempDir
    Path data;

    @Test
    void aTakenPortOfNodeTwoNamesTheNodeAndMovesTheWholeCluster() throws IOException {
        int base = freeBlock();
        int node2Client = base + 4;
        try (ServerSocket other = new ServerSocket(node2Client, 50, InetAddress.getLoopbackAddress())) {
            for (List<String> mode : List.of(List.of("--nodes", "3", "--daemon"), List.of("--node", "2", "--daemon"))) {
                List<String> args = new ArrayList<>(mode);
                args.addAll(List.of("--config", TestNodes.repoRoot().resolve("conf/cluster.properties").toString(),
                        "--override", "log.dirs=" + data, "--override",
                        "listeners=PLAINTEXT://127.0.0.1:" + (base + 2) + ",CONTROLLER://127.0.0.1:" + (base + 3)));
                TestNodes.Result r = TestNodes.run(new StartKraft(), args);
                assertEquals(ExitCodes.ENVIRONMENT, r.exitCode, mode + ": " + r);
                String line = r.err.strip();
                assertTrue(line.startsWith("error: port " + node2Client + " (node 2's client listener in the local"
                        + " cluster, placed by node 1's listeners in cluster.properties) is already in use by pid "
                        + ProcessHandle.current().pid()), mode + ": " + r);
                assertTrue(line.contains("Stop that program (bin/stop-kraft if it is an aq-stream node), or move the"
                        + " whole cluster: set listeners=PLAINTEXT://127.0.0.1:" + (base + 10002) + ",CONTROLLER://127.0.0.1:"
                        + (base + 10003) + " in " + TestNodes.repoRoot().resolve("conf/cluster.properties")
                        + " (node 1; nodes 2 and 3 take the next four ports"), mode + ": " + r);
                // Not the single node's hint: the cluster replaces a node's own quorum addresses.
                assertFalse(line.contains("controller.quorum.bootstrap.servers"), mode + ": " + r);
                assertFalse(line.contains("\n"), "one line: " + r);
            }
        }
    }

    @Test
    void aFormattedClusterIsNotToldToMoveItsPortsButToStartAfresh() throws IOException {
        int base = freeBlock();
        List<String> overrides = List.of("log.dirs=" + data,
                "listeners=PLAINTEXT://127.0.0.1:" + (base + 2) + ",CONTROLLER://127.0.0.1:" + (base + 3));
        Path profile = TestNodes.repoRoot().resolve("conf/cluster.properties");
        ClusterStorage.formatIfNeeded(new ClusterLayout(profile, overrides), NodeSecurity.PLAINTEXT);
        int node3Controller = base + 7;
        try (ServerSocket other = new ServerSocket(node3Controller, 50, InetAddress.getLoopbackAddress())) {
            List<String> args = new ArrayList<>(List.of("--node", "3", "--daemon", "--config", profile.toString()));
            overrides.forEach(o -> args.addAll(List.of("--override", o)));
            TestNodes.Result r = TestNodes.run(new StartKraft(), args);
            assertEquals(ExitCodes.ENVIRONMENT, r.exitCode, r.toString());
            assertTrue(r.err.startsWith("error: port " + node3Controller + " (node 3's controller listener in the local"
                    + " cluster"), r.toString());
            assertTrue(r.err.contains("or, to move the cluster, delete its data with bin/reset-kraft --nodes 3 (its voters"
                    + " are recorded with these ports), set listeners="), r.toString());
        }
    }

    /** A base B with B+2..B+7 free, and B+10002..B+10007 in range. */
    private static int freeBlock() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = TestNodes.freePorts(1)[0];
            if (base + 10007 <= 65535 && allFree(base + 2, base + 7)) {
                return base;
            }
        }
        throw new IllegalStateException("no block of 6 free local ports");
    }

    private static boolean allFree(int from, int to) {
        for (int port = from; port <= to; port++) {
            try (ServerSocket s = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
                s.setReuseAddress(true);
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }
}
