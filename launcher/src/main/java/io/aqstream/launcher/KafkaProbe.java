package io.aqstream.launcher;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Tells, in a fraction of a second, whether a port has nothing on it, a Kafka broker, or some other
 * program: it sends Kafka's ApiVersions request (the first thing every client sends, answered by every
 * broker version, even with an "unsupported version" error) and checks that the answer carries the
 * request's correlation id. A web server, a database or a stuck process does not.
 */
final class KafkaProbe {
    enum Answer { NOTHING_LISTENING, KAFKA, NOT_KAFKA }

    private static final short API_VERSIONS = 18;
    private static final int CORRELATION_ID = 0x61717374; // "aqst"

    private KafkaProbe() {
    }

    static Answer probe(String host, int port, Duration timeout) {
        try (Socket socket = new Socket()) {
            try {
                socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            } catch (IOException e) {
                return Answer.NOTHING_LISTENING;
            }
            socket.setSoTimeout((int) timeout.toMillis());
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            byte[] clientId = "aq-stream-probe".getBytes(StandardCharsets.UTF_8);
            // Request header v1 (api key, api version 0, correlation id, client id), empty v0 body.
            out.writeInt(2 + 2 + 4 + 2 + clientId.length);
            out.writeShort(API_VERSIONS);
            out.writeShort(0);
            out.writeInt(CORRELATION_ID);
            out.writeShort(clientId.length);
            out.write(clientId);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int size = in.readInt();
            return size >= 4 && in.readInt() == CORRELATION_ID ? Answer.KAFKA : Answer.NOT_KAFKA;
        } catch (IOException e) {
            // Silent until the timeout, closed on us, or an answer that is not a Kafka frame.
            return Answer.NOT_KAFKA;
        }
    }
}
