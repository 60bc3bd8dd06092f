package io.aqstream.kraft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqstream.common.Topics;
import io.aqstream.common.metrics.PrometheusText;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** start-kraft --metrics-port: a real node in a child JVM, scraped once it is ready. */
class NodeMetricsTest {
    @TempDir
    static Path dir;
    static int[] ports;
    static NodeProcess node;

    @BeforeAll
    static void startNode() throws Exception {
        ports = TestNodes.freePorts(3);
        List<String> args = TestNodes.args(dir.resolve("data"), ports[0], ports[1]);
        args.addAll(List.of("--metrics-port", Integer.toString(ports[2])));
        node = TestNodes.start(dir, args);
    }

    @AfterAll
    static void stopNode() throws Exception {
        if (node != null && node.isAlive()) {
            node.stop();
        }
    }

    static HttpResponse<String> scrape() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + ports[2] + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
    }

    static long endOffset(String body, String topic, int partition) {
        Matcher m = Pattern.compile("aq_node_end_offset\\{topic=\"" + Pattern.quote(topic) + "\",partition=\""
                + partition + "\"} (\\d+)\n").matcher(body);
        assertTrue(m.find(), topic + "-" + partition + " in\n" + body);
        return Long.parseLong(m.group(1));
    }

    @Test
    void upReadyUptimeAndTheEndOffsetsOfThePipelineTopics() throws Exception {
        HttpResponse<String> first = scrape();
        assertEquals(200, first.statusCode());
        assertEquals(PrometheusText.CONTENT_TYPE, first.headers().firstValue("Content-Type").orElse(""));
        String body = first.body();
        assertTrue(body.contains("# TYPE aq_node_up gauge\naq_node_up 1\n"), body);
        assertTrue(body.contains("aq_node_ready 1\n"), body);
        assertTrue(body.contains("aq_node_end_offsets_ok 1\n"), body);
        assertTrue(Pattern.compile("aq_node_uptime_seconds \\d+(\\.\\d+)?\n").matcher(body).find(), body);
        assertEquals(0, endOffset(body, Topics.DATA, 0), body);
        assertEquals(0, endOffset(body, Topics.DEAD_LETTER, 0), body);

        Properties p = new Properties();
        p.put("bootstrap.servers", "127.0.0.1:" + ports[0]);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>(Topics.DATA, 1, null, "r" + i)).get();
            }
        }
        assertEquals(3, endOffset(scrape().body(), Topics.DATA, 1));
    }
}
