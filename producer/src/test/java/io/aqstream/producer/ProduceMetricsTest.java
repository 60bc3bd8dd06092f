package io.aqstream.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.metrics.PrometheusText;
import io.aqstream.testkit.Cli;
import io.aqstream.testkit.CliResult;
import io.aqstream.testkit.KraftTestNode;
import io.aqstream.testkit.MetricsEndpoint;
import io.aqstream.testkit.WithKraftNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/produce --metrics-port against a real node: the endpoint serves the run's final figures. */
@WithKraftNode
class ProduceMetricsTest {
    static final String HEADER = "Date;Time;CO(GT);PT08.S1(CO);NMHC(GT);C6H6(GT);PT08.S2(NMHC);NOx(GT);PT08.S3(NOx);"
            + "NO2(GT);PT08.S4(NO2);PT08.S5(O3);T;RH;AH;;";
    static final String VALUES = ";2,6;1360;150;11,9;1046;166;1056;113;1692;1268;13,6;48,9;0,7578;;";
    static final DateTimeFormatter CSV_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy;HH.mm.ss");

    @TempDir
    static Path dir;

    /** 250 good rows, one bad row, two empty rows: lines 1..254. */
    static Path csv(String name) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        LocalDateTime t = LocalDateTime.of(2004, 3, 10, 18, 0);
        for (int i = 0; i < 250; i++) {
            lines.add(CSV_TIME.format(t.plusHours(i)) + VALUES);
        }
        lines.add("10/03/2004;19.00.00;2x;1292;112;9,4;955;103;1174;92;1559;972;13,3;47,7;0,7255;;");
        lines.add(";;;;;;;;;;;;;;;;");
        lines.add(";;;;;;;;;;;;;;;;");
        Path file = dir.resolve(name);
        Files.writeString(file, String.join("\r\n", lines) + "\r\n", StandardCharsets.US_ASCII);
        return file;
    }

    @Test
    void theEndpointServesTheRunsFiguresLabelledWithReplayAndTopic(KraftTestNode node) throws Exception {
        Path file = csv("metrics-station.csv");
        int port = MetricsEndpoint.freePort();
        List<HttpResponse<String>> scrapes = new ArrayList<>();
        ProduceCommand command = new ProduceCommand();
        command.beforeMetricsStop = () -> scrapes.add(MetricsEndpoint.scrape(port));
        CliResult result = Cli.run(command, file.toString(), "--bootstrap-server", node.bootstrapServers(),
                "--topic", "metrics-topic", "--speed", "max", "--on-error", "skip", "--metrics-port", Integer.toString(port));
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(1, scrapes.size());
        HttpResponse<String> response = scrapes.get(0);
        assertEquals(200, response.statusCode());
        assertEquals(PrometheusText.CONTENT_TYPE, response.headers().firstValue("Content-Type").orElse(""));
        String body = response.body();
        String labels = "{replay_id=\"aq-produce:metrics-topic:metrics-station:metrics-station.csv\",topic=\"metrics-topic\"}";
        assertTrue(body.contains("# TYPE aq_producer_rows_sent_total counter\n"), body);
        assertTrue(body.contains("# TYPE aq_producer_committed_line gauge\n"), body);
        assertTrue(body.contains("aq_producer_rows_read_total" + labels + " 251\n"), body);
        assertTrue(body.contains("aq_producer_rows_sent_total" + labels + " 250\n"), body);
        assertTrue(body.contains("aq_producer_rows_rejected_total" + labels + " 1\n"), body);
        assertTrue(body.contains("aq_producer_dead_letter_total" + labels + " 0\n"), body);
        assertTrue(body.contains("aq_producer_empty_rows_total" + labels + " 2\n"), body);
        assertTrue(body.contains("aq_producer_transactions_total" + labels + " 3\n"), body);
        assertTrue(body.contains("aq_producer_committed_line" + labels + " 254\n"), body);

        // After the command returned, the port is free again.
        try (ServerSocket again = new ServerSocket()) {
            again.bind(new InetSocketAddress("127.0.0.1", port));
        }
    }

    @Test
    void aTakenPortStopsTheCommandWithExit5BeforeAnythingIsSent() throws Exception {
        Path file = csv("taken-port.csv");
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = taken.getLocalPort();
            // An address where no broker listens: the command must fail on the port before it tries Kafka.
            CliResult result = Cli.run(new ProduceCommand(), file.toString(), "--bootstrap-server", "127.0.0.1:1",
                    "--metrics-port", Integer.toString(port));
            assertEquals(ExitCodes.ENVIRONMENT, result.exitCode(), result.toString());
            assertTrue(result.err().startsWith("error: --metrics-port " + port + ": port " + port
                    + " on 127.0.0.1 is already in use"), result.err());
            assertEquals(1, result.err().strip().lines().count(), result.err());
        }
    }
}
