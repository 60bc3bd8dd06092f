package io.aqstream.common.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Tells whether a broker that gave a plaintext client no answer speaks TLS (the secure profile): a plaintext
 * Kafka client on a TLS port is not refused, it is ignored until it times out, so without this the user
 * would read "is the node running?". The probe only completes a handshake, trusting any certificate, and
 * sends no data: it learns nothing but "TLS answers here".
 */
public final class TlsProbe {
    private static final int TIMEOUT_MS = 2_000;

    private TlsProbe() {
    }

    /** True when the first address of {@code bootstrap} completes a TLS handshake. */
    public static boolean speaksTls(String bootstrap) {
        String first = bootstrap == null ? "" : bootstrap.split(",")[0].trim();
        int colon = first.lastIndexOf(':');
        if (colon <= 0) {
            return false;
        }
        String host = first.substring(0, colon).replace("[", "").replace("]", "");
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(host, Integer.parseInt(first.substring(colon + 1))), TIMEOUT_MS);
            plain.setSoTimeout(TIMEOUT_MS);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new AnyCertificate()}, null);
            try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, host, plain.getPort(), false)) {
                tls.startHandshake();
                return true;
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** Only for the probe: nothing is sent over this connection. */
    private static final class AnyCertificate implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
