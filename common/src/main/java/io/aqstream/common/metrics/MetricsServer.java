package io.aqstream.common.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.UserException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code GET /metrics} in the Prometheus text format on 127.0.0.1, with the JDK's own HTTP
 * server (no dependency). Every scrape asks the supplier for the current samples; the supplier runs on
 * the server's thread, so it must only read what the command publishes thread-safely.
 */
public final class MetricsServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);
    /** Loopback only: the figures are for a Prometheus on this machine (or an SSH tunnel), not the network. */
    public static final String HOST = "127.0.0.1";

    private final HttpServer server;
    private final ExecutorService executor;

    private MetricsServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Starts serving on {@code 127.0.0.1:port}.
     *
     * @throws UserException exit code {@link ExitCodes#ENVIRONMENT} when the port is taken
     */
    public static MetricsServer start(int port, Supplier<List<Metric>> metrics) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(HOST), port), 0);
        } catch (BindException e) {
            throw new UserException(ExitCodes.ENVIRONMENT, "--metrics-port " + port + ": port " + port + " on " + HOST
                    + " is already in use (see: ss -ltnp 'sport = :" + port + "'). Stop the program using it, or"
                    + " choose another port" + PortSuggestion.near(port).stream()
                            .mapToObj(free -> ", e.g. --metrics-port " + free + " (free now)").findFirst().orElse("")
                    + ".", e);
        } catch (IOException e) {
            throw new UserException(ExitCodes.ENVIRONMENT, "--metrics-port " + port + ": cannot listen on " + HOST + ":"
                    + port + " (" + e.getMessage() + "). Choose another port or leave out --metrics-port.", e);
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "aq-metrics-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", exchange -> handle(exchange, metrics));
        server.start();
        LOG.info("serving Prometheus metrics on http://{}:{}/metrics", HOST, server.getAddress().getPort());
        return new MetricsServer(server, executor);
    }

    private static void handle(HttpExchange exchange, Supplier<List<Metric>> metrics) throws IOException {
        try {
            String method = exchange.getRequestMethod();
            if (!"/metrics".equals(exchange.getRequestURI().getPath())) {
                reply(exchange, 404, "text/plain; charset=utf-8", "Not found: the metrics are at /metrics\n", method);
                return;
            }
            if (!"GET".equals(method) && !"HEAD".equals(method)) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                reply(exchange, 405, "text/plain; charset=utf-8", "Only GET and HEAD\n", method);
                return;
            }
            String body;
            try {
                body = PrometheusText.format(metrics.get());
            } catch (RuntimeException e) {
                LOG.warn("collecting the metrics failed", e);
                reply(exchange, 500, "text/plain; charset=utf-8", "collecting the metrics failed: " + e + "\n", method);
                return;
            }
            reply(exchange, 200, PrometheusText.CONTENT_TYPE, body, method);
        } finally {
            exchange.close();
        }
    }

    private static void reply(HttpExchange exchange, int status, String contentType, String body, String method)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        if ("HEAD".equals(method)) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops listening at once; a scrape in flight is cut off. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
