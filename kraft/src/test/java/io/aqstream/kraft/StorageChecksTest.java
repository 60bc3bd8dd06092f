package io.aqstream.kraft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.UserException;
import io.aqstream.common.processed.FileNames;
import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Storage formatted for real (Kafka's Formatter), checked without starting a broker. */
class StorageChecksTest {
    @TempDir
    Path dir;

    @Test
    void storageFormattedForAnotherNodeIdIsRefusedBeforeTheBrokerStarts() {
        int[] ports = TestNodes.freePorts(2);
        Path data = dir.resolve("data");
        NodeConfig node2 = NodeConfig.load(TestNodes.repoRoot().resolve("conf/server.properties"),
                overrides(data, ports, "node.id=2"));
        Storage.Formatted formatted = Storage.formatIfNeeded(node2);
        assertTrue(formatted.created());

        TestNodes.Result r = TestNodes.run(new StartKraft(), TestNodes.args(data, ports[0], ports[1]));

        assertEquals(ExitCodes.BAD_INPUT, r.exitCode, r.toString());
        assertTrue(r.err.startsWith("error: the data in " + data + " was formatted for node.id=2, but server.properties"
                + " (with overrides) says node.id=1. Set node.id=2 again (e.g. --override node.id=2), or delete the data"
                + " with bin/reset-kraft"), r.toString());
        assertFalse(r.err.contains("\tat "), r.toString());
    }

    /** Storage remembers the profile that formatted it: secure storage never starts open, plaintext has no users. */
    @Test
    void storageOfTheOtherProfileIsRefused() {
        int[] ports = TestNodes.freePorts(2);
        NodeSecurity secure = new NodeSecurity() {
            @Override
            public boolean secure() {
                return true;
            }

            @Override
            public List<String> scramArguments() {
                return List.of("SCRAM-SHA-512=[name=alice,password=Secret123]");
            }
        };
        NodeConfig secured = NodeConfig.load(TestNodes.repoRoot().resolve("conf/server.properties"),
                overrides(dir.resolve("secured"), ports));
        Storage.formatIfNeeded(secured, secure);
        Storage.checkProfile(secured, secure);
        UserException open = assertThrows(UserException.class, () -> Storage.checkProfile(secured, NodeSecurity.PLAINTEXT));
        assertEquals(ExitCodes.BAD_INPUT, open.exitCode());
        assertTrue(open.getMessage().contains("was formatted by bin/start-kraft --secure: start it with --secure"),
                open.getMessage());

        NodeConfig plain = NodeConfig.load(TestNodes.repoRoot().resolve("conf/server.properties"),
                overrides(dir.resolve("plain"), ports));
        Storage.formatIfNeeded(plain);
        UserException noUsers = assertThrows(UserException.class, () -> Storage.checkProfile(plain, secure));
        assertEquals(ExitCodes.BAD_INPUT, noUsers.exitCode());
        assertTrue(noUsers.getMessage().contains("was formatted without --secure, so it has no users"),
                noUsers.getMessage());
    }

    @Test
    void formattingHappensOnceAndKeepsTheClusterId() throws Exception {
        int[] ports = TestNodes.freePorts(2);
        NodeConfig config = NodeConfig.load(TestNodes.repoRoot().resolve("conf/server.properties"),
                overrides(dir.resolve("data"), ports));
        Storage.Formatted first = Storage.formatIfNeeded(config);
        String meta = Files.readString(dir.resolve("data/meta.properties"));
        Storage.Formatted second = Storage.formatIfNeeded(config);
        assertTrue(first.created());
        assertFalse(second.created());
        assertEquals(first.clusterId(), second.clusterId());
        assertEquals(meta, Files.readString(dir.resolve("data/meta.properties")));
    }

    @Test
    void resetAsksDeletesOnlyOnYesAndLeavesNothingBehind() throws Exception {
        int[] ports = TestNodes.freePorts(2);
        Path data = dir.resolve("data");
        List<String> args = TestNodes.configArgs(data, ports[0], ports[1]);
        Storage.formatIfNeeded(NodeConfig.load(TestNodes.repoRoot().resolve("conf/server.properties"), overrides(data, ports)));

        TestNodes.Result no = TestNodes.run(new ResetKraft(new BufferedReader(new StringReader("no\n"))), args);
        assertEquals(ExitCodes.OK, no.exitCode, no.toString());
        assertTrue(no.out.contains("Nothing deleted."), no.toString());
        assertTrue(Files.exists(data.resolve("meta.properties")));

        TestNodes.Result closed = TestNodes.run(new ResetKraft(new BufferedReader(new StringReader(""))), args);
        assertEquals(ExitCodes.USAGE, closed.exitCode, closed.toString());
        assertTrue(Files.exists(data.resolve("meta.properties")));

        TestNodes.Result yes = TestNodes.run(new ResetKraft(new BufferedReader(new StringReader("yes\n"))), args);
        assertEquals(ExitCodes.OK, yes.exitCode, yes.toString());
        assertFalse(Files.exists(data), yes.toString());
    }

    @Test
    void resetWarnsAboutTheParquetOfTheOldTopicsItLeavesInProcessedData() throws Exception {
        int[] ports = TestNodes.freePorts(2);
        Path data = dir.resolve("data");
        Storage.formatIfNeeded(NodeConfig.load(TestNodes.repoRoot().resolve("conf/server.properties"), overrides(data, ports)));
        Path home = Files.createDirectories(dir.resolve("home"));
        Path topicFolder = Files.createDirectories(home.resolve("processed_data/air-quality-data"));
        Files.writeString(topicFolder.resolve(FileNames.finished("air-quality-data", 1, 0, 9449)), "parquet of the old topic");
        String previous = System.getProperty("aq.home");
        System.setProperty("aq.home", home.toString());
        try {
            TestNodes.Result r = TestNodes.run(new ResetKraft(new BufferedReader(new StringReader("yes\n"))),
                    TestNodes.configArgs(data, ports[0], ports[1]));
            assertEquals(ExitCodes.OK, r.exitCode, r.toString());
            assertTrue(r.err.contains("The Parquet files in " + home.resolve("processed_data") + " are kept (bin/start-over"
                    + " deletes both)."), r.toString());
            assertTrue(r.err.contains("warning: " + topicFolder + " still holds 1 Parquet file of the old topic:"
                    + " bin/consume will refuse to write the new topic beside them."), r.toString());
            assertTrue(Files.exists(topicFolder.resolve(FileNames.finished("air-quality-data", 1, 0, 9449))), "kept");
        } finally {
            if (previous == null) {
                System.clearProperty("aq.home");
            } else {
                System.setProperty("aq.home", previous);
            }
        }
    }

    @Test
    void resetRefusesAFolderThatIsNotKafkaData() throws Exception {
        int[] ports = TestNodes.freePorts(2);
        Path precious = dir.resolve("thesis");
        Files.createDirectories(precious);
        Files.writeString(precious.resolve("chapter1.tex"), "\\section{Intro}");
        List<String> args = TestNodes.configArgs(precious, ports[0], ports[1]);
        args.add("--yes");
        TestNodes.Result r = TestNodes.run(new ResetKraft(), args);
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode, r.toString());
        assertTrue(Files.exists(precious.resolve("chapter1.tex")));
    }

    @Test
    void dataDirThatCannotBeWrittenIsReportedWithTheFix() throws Exception {
        int[] ports = TestNodes.freePorts(2);
        Path notADir = dir.resolve("a-file");
        Files.writeString(notADir, "in the way");
        Path data = notADir.resolve("data");
        TestNodes.Result r = TestNodes.run(new StartKraft(), TestNodes.args(data, ports[0], ports[1]));
        assertEquals(ExitCodes.ENVIRONMENT, r.exitCode, r.toString());
        assertTrue(r.err.startsWith("error: the data dir " + data + " is not writable ("), r.toString());
        assertTrue(r.err.contains("--override log.dirs=PATH"), r.toString());
    }

    private static List<String> overrides(Path data, int[] ports, String... extra) {
        List<String> list = new java.util.ArrayList<>(List.of("log.dirs=" + data,
                "listeners=PLAINTEXT://127.0.0.1:" + ports[0] + ",CONTROLLER://127.0.0.1:" + ports[1],
                "controller.quorum.bootstrap.servers=127.0.0.1:" + ports[1]));
        list.addAll(List.of(extra));
        return list;
    }
}
