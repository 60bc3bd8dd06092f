package io.aqstream.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.metrics.PrometheusText;
import io.aqstream.testkit.Cli;
import io.aqstream.testkit.CliResult;
import io.aqstream.testkit.KraftTestNode;
import io.aqstream.testkit.MetricsEndpoint;
import io.aqstream.testkit.WithKraftNode;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/consume --metrics-port against a real node: the endpoint serves the run's final figures. */
@WithKraftNode
class ConsumeMetricsTest {
    @TempDir
    static Path dir;

    @Test
    void theEndpointServesRowsFilesRejectedAndLagPerPartition(KraftTestNode node) throws Exception {
        String topic = "metrics-data";
        TestKafka.createTopic(node, topic, 3);
        TestKafka.produce(node, topic, 0, 300, 50);
        TestKafka.sendRaw(node, topic, "s".getBytes(StandardCharsets.UTF_8), "not json".getBytes(StandardCharsets.UTF_8));
        Path output = dir.resolve("out");
        int port = MetricsEndpoint.freePort();
        List<HttpResponse<String>> scrapes = new ArrayList<>();
        ConsumeCommand command = new ConsumeCommand();
        command.beforeMetricsStop = () -> scrapes.add(MetricsEndpoint.scrape(port));
        CliResult result = Cli.run(command, "--bootstrap-server", node.bootstrapServers(), "--output", output.toString(),
                "--group", "g-metrics", "--topic", topic, "--stop-after-idle", "3", "--progress", "0",
                "--metrics-port", Integer.toString(port));
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(1, scrapes.size());
        HttpResponse<String> response = scrapes.get(0);
        assertEquals(200, response.statusCode());
        assertEquals(PrometheusText.CONTENT_TYPE, response.headers().firstValue("Content-Type").orElse(""));
        String body = response.body();
        String labels = "{topic=\"" + topic + "\",group=\"g-metrics\"}";
        assertTrue(body.contains("# TYPE aq_consumer_rows_written_total counter\n"), body);
        assertTrue(body.contains("# TYPE aq_consumer_lag gauge\n"), body);
        assertTrue(body.contains("aq_consumer_rows_written_total" + labels + " 300\n"), body);
        assertTrue(body.contains("aq_consumer_rows_in_open_files" + labels + " 0\n"), body);
        assertTrue(body.contains("aq_consumer_files_written_total" + labels + " "
                + ParquetRows.visibleFiles(output).size() + "\n"), body);
        assertTrue(body.contains("aq_consumer_rejected_total" + labels + " 1\n"), body);
        assertTrue(body.contains("aq_consumer_commit_errors_total" + labels + " 0\n"), body);
        for (int p = 0; p < 3; p++) {
            Matcher lag = Pattern.compile("aq_consumer_lag\\{topic=\"" + topic + "\",group=\"g-metrics\",partition=\""
                    + p + "\"} (\\d+)\n").matcher(body);
            assertTrue(lag.find(), "lag of partition " + p + " in\n" + body);
            assertEquals(0, Long.parseLong(lag.group(1)), "everything committed was read:\n" + body);
        }
        assertTrue(result.out().contains("rows written:    300"), result.out());
    }

    @Test
    void aTakenPortStopsTheCommandWithExit5() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = taken.getLocalPort();
            CliResult result = Cli.run(new ConsumeCommand(), "--bootstrap-server", "127.0.0.1:1", "--output",
                    dir.resolve("unused").toString(), "--metrics-port", Integer.toString(port));
            assertEquals(ExitCodes.ENVIRONMENT, result.exitCode(), result.toString());
            assertTrue(result.err().startsWith("error: --metrics-port " + port + ": port " + port
                    + " on 127.0.0.1 is already in use"), result.err());
            assertEquals(1, result.err().strip().lines().count(), result.err());
        }
    }
}
