package io.aqstream.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Reads a command's {@code --metrics-port} endpoint as Prometheus would. */
public final class MetricsEndpoint {
    private MetricsEndpoint() {
    }

    /** GET http://127.0.0.1:PORT/metrics; a failed connection fails the test. */
    public static HttpResponse<String> scrape(int port) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("scrape of port " + port + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while scraping port " + port, e);
        }
    }

    /** A port that was free a moment ago, for --metrics-port. */
    public static int freePort() {
        return KraftTestNode.freePorts(1)[0];
    }
}
