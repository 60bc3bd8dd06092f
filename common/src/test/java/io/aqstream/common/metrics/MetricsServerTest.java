package io.aqstream.common.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.UserException;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MetricsServerTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesTheCurrentFiguresAtEveryScrape() throws Exception {
        AtomicLong rows = new AtomicLong(3);
        int port = freePort();
        try (MetricsServer server = MetricsServer.start(port, () -> List.of(
                Metric.counter("aq_test_rows_total", "Rows.", rows.get(), "topic", "t\"1")))) {
            assertEquals(port, server.port());
            HttpResponse<String> first = get(port, "/metrics");
            assertEquals(200, first.statusCode());
            assertEquals(PrometheusText.CONTENT_TYPE, first.headers().firstValue("Content-Type").orElse(""));
            assertEquals("# HELP aq_test_rows_total Rows.\n# TYPE aq_test_rows_total counter\n"
                    + "aq_test_rows_total{topic=\"t\\\"1\"} 3\n", first.body());
            rows.set(7);
            assertTrue(get(port, "/metrics").body().contains("aq_test_rows_total{topic=\"t\\\"1\"} 7\n"));
            assertEquals(404, get(port, "/").statusCode());
            assertEquals(405, HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                    .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode());
        }
    }

    @Test
    void aFailingSupplierGives500AndTheServerKeepsServing() throws Exception {
        AtomicLong calls = new AtomicLong();
        int port = freePort();
        try (MetricsServer server = MetricsServer.start(port, () -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("boom");
            }
            return List.of(Metric.gauge("aq_up", "Up.", 1));
        })) {
            assertEquals(500, get(port, "/metrics").statusCode());
            assertEquals(200, get(port, "/metrics").statusCode());
        }
    }

    @Test
    void aPortInUseIsAnEnvironmentErrorNamingThePortAndTheFix() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new java.net.InetSocketAddress("127.0.0.1", 0));
            int port = taken.getLocalPort();
            UserException e = org.junit.jupiter.api.Assertions.assertThrows(UserException.class,
                    () -> MetricsServer.start(port, List::of));
            assertEquals(ExitCodes.ENVIRONMENT, e.exitCode());
            assertTrue(e.getMessage().contains("port " + port + " on 127.0.0.1 is already in use"), e.getMessage());
            assertTrue(e.getMessage().contains("choose another port"), e.getMessage());
            assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        }
    }

    @Test
    void aPortInUseSuggestsAFreePortNotTheNextBusyOne() throws Exception {
        try (ServerSocket taken = new ServerSocket(); ServerSocket next = new ServerSocket()) {
            taken.bind(new java.net.InetSocketAddress("127.0.0.1", 0));
            int port = taken.getLocalPort();
            // The port just above is busy too (if something else already holds it, so much the better).
            try {
                next.bind(new java.net.InetSocketAddress("127.0.0.1", port + 1));
            } catch (IOException alreadyBusy) {
                // still busy: what the test needs
            }
            UserException e = org.junit.jupiter.api.Assertions.assertThrows(UserException.class,
                    () -> MetricsServer.start(port, List::of));
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("e\\.g\\. --metrics-port (\\d+) \\(free now\\)")
                    .matcher(e.getMessage());
            assertTrue(m.find(), e.getMessage());
            int suggested = Integer.parseInt(m.group(1));
            assertTrue(suggested != port && suggested != port + 1, e.getMessage());
            try (MetricsServer server = MetricsServer.start(suggested, List::of)) {
                assertEquals(suggested, server.port(), "the suggested port is free");
            }
        }
    }

    @Test
    void neverSuggestsKafkasPorts() {
        // Whatever is running here: above 9091 the suggestion skips the node's 9092 (client) and 9093 (controller).
        int suggested = PortSuggestion.near(9091).orElseThrow();
        assertTrue(suggested > 9093, "suggested " + suggested);
    }

    @Test
    void theOptionIsOffByDefaultAndChecksItsRange() {
        assertEquals(null, new MetricsOption().start(List::of));
        UserException e = org.junit.jupiter.api.Assertions.assertThrows(UserException.class,
                () -> new MetricsOption(70000).validate());
        assertEquals(ExitCodes.USAGE, e.exitCode());
    }
}
