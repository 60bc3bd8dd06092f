package io.aqstream.kraft;

/** A listener's host and port as written in server.properties ({@code 127.0.0.1:9092}, {@code :9092}, {@code [::1]:9092}). */
public final class HostPort {
    private final String host;
    private final int port;

    public HostPort(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** Parses {@code host:port}; returns null when it is not of that form. */
    public static HostPort parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            return null;
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            int port = Integer.parseInt(text.substring(colon + 1));
            return port >= 0 && port <= 65535 ? new HostPort(host, port) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The configured host; empty means every interface. */
    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** The host a local client uses: the wildcard hosts become 127.0.0.1. */
    public String connectHost() {
        return host.isEmpty() || host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
    }

    public String connectAddress() {
        String h = connectHost();
        return (h.contains(":") ? "[" + h + "]" : h) + ":" + port;
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
