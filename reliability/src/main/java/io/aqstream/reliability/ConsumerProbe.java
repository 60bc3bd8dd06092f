package io.aqstream.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Asks a running bin/consume, through its --metrics-port, whether it is past start-up: it reports a lag
 * for an assigned partition, or has rows in files. Only used to choose kill instants, never to verify.
 */
final class ConsumerProbe {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();

    private ConsumerProbe() {
    }

    static boolean consuming(int metricsPort) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + metricsPort + "/metrics")).timeout(Duration.ofMillis(500)).build(),
                    HttpResponse.BodyHandlers.ofString());
            for (String line : response.body().split("\n")) {
                if (line.startsWith("aq_consumer_lag{") || (line.startsWith("aq_consumer_rows_in_open_files{")
                        && Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)) > 0)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false; // not listening yet (JVM starting)
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
