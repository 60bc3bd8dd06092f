package io.aqstream.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqstream.testkit.Cli;
import io.aqstream.testkit.CliResult;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Command-line behaviour that needs no broker. */
class ProduceCommandTest {
    static final String GOOD = "Date;Time;CO(GT);PT08.S1(CO);NMHC(GT);C6H6(GT);PT08.S2(NMHC);NOx(GT);PT08.S3(NOx);"
            + "NO2(GT);PT08.S4(NO2);PT08.S5(O3);T;RH;AH;;\r\n"
            + "10/03/2004;18.00.00;2,6;1360;150;11,9;1046;166;1056;113;1692;1268;13,6;48,9;0,7578;;\r\n";

    @Test
    void helpDocumentsOptionsDefaultsAndExitCodes() {
        CliResult r = Cli.run(new ProduceCommand(), "--help");
        assertEquals(0, r.exitCode());
        for (String s : new String[] {"--speed", "Default: 86400", "--batch-size", "Default: 100", "--on-error",
            "Default: fail", "--compression", "Default: gzip", "--station", "--from-start", "--wait-for-broker",
            "Exit codes:", "130"}) {
            assertTrue(r.out().contains(s), s + " in\n" + r.out());
        }
    }

    @Test
    void aBrokerThatNeverAnswersIsReportedAfterTheWait(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("ok.csv");
        Files.writeString(csv, GOOD);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // free once closed: nothing listens there
        }
        CliResult r = Cli.run(new ProduceCommand(), csv.toString(), "--bootstrap-server", "127.0.0.1:" + port,
                "--wait-for-broker", "2s");
        assertEquals(4, r.exitCode(), r.toString());
        // The wait is announced first, at once, so the student does not stare at silence for --wait-for-broker.
        List<String> lines = r.err().lines().toList();
        assertEquals("waiting for Kafka at 127.0.0.1:" + port + " (up to 2 s)", lines.get(0), r.err());
        assertTrue(lines.get(1).startsWith("error: no answer from Kafka at 127.0.0.1:" + port
                + " within 2 s while connecting; nothing was sent."), r.err());
        assertEquals(2, lines.size(), "no stack trace: " + r.err());
    }

    @Test
    void badOptionValuesAreUsageErrors(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("ok.csv");
        Files.writeString(csv, GOOD);
        assertEquals(2, Cli.run(new ProduceCommand(), csv.toString(), "--batch-size", "0").exitCode());
        assertEquals(2, Cli.run(new ProduceCommand(), csv.toString(), "--compression", "brotli").exitCode());
        assertEquals(2, Cli.run(new ProduceCommand(), csv.toString(), "--speed", "fast").exitCode());
        assertEquals(2, Cli.run(new ProduceCommand(), csv.toString(), "--on-error", "ignore").exitCode());
        assertEquals(2, Cli.run(new ProduceCommand()).exitCode(), "the file is required");
    }

    @Test
    void defaultStationIsTheFileNameWithoutExtension() {
        assertEquals("AirQualityUCI", ProduceCommand.defaultStation(Path.of("../shared/data/AirQualityUCI.csv")));
        assertEquals("station-07", ProduceCommand.defaultStation(Path.of("gen/station-07.csv")));
        assertEquals("noext", ProduceCommand.defaultStation(Path.of("noext")));
    }
}
