package io.aqstream.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aqstream.testkit.KraftTestNode;
import io.aqstream.testkit.WithKraftNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The probe tells a real Kafka node from nothing and from other programs on the port. */
@WithKraftNode
class KafkaProbeTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @Test
    void aRealNodeIsKafka(KraftTestNode node) {
        String[] hostPort = node.bootstrapServers().split(":");
        assertEquals(KafkaProbe.Answer.KAFKA,
                KafkaProbe.probe(hostPort[0], Integer.parseInt(hostPort[1]), TIMEOUT));
    }

    @Test
    void aClosedPortHasNothingListening() {
        int port = KraftTestNode.freePorts(1)[0];
        assertEquals(KafkaProbe.Answer.NOTHING_LISTENING, KafkaProbe.probe("127.0.0.1", port, TIMEOUT));
    }

    @Test
    void aWebServerIsNotKafka() throws Exception {
        try (FakeServer server = new FakeServer("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")) {
            assertEquals(KafkaProbe.Answer.NOT_KAFKA, KafkaProbe.probe("127.0.0.1", server.port(), TIMEOUT));
        }
    }

    @Test
    void aSilentProgramIsNotKafka() throws Exception {
        try (FakeServer server = new FakeServer(null)) {
            assertEquals(KafkaProbe.Answer.NOT_KAFKA, KafkaProbe.probe("127.0.0.1", server.port(), TIMEOUT));
        }
    }

    /** Accepts connections on a free loopback port; answers each with {@code reply}, or stays silent. */
    static final class FakeServer implements AutoCloseable {
        private final ServerSocket socket;

        FakeServer(String reply) throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread t = new Thread(() -> {
                while (!socket.isClosed()) {
                    try (Socket client = socket.accept()) {
                        InputStream in = client.getInputStream();
                        in.read(new byte[64]);
                        if (reply != null) {
                            OutputStream out = client.getOutputStream();
                            out.write(reply.getBytes(StandardCharsets.US_ASCII));
                            out.flush();
                        } else {
                            Thread.sleep(TIMEOUT.toMillis() * 2);
                        }
                    } catch (IOException | InterruptedException e) {
                        // closed: the test is over
                    }
                }
            }, "fake-server");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
