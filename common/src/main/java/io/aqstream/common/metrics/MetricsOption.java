package io.aqstream.common.metrics;

import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.UserException;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/** The {@code --metrics-port PORT} option, mixed into commands with {@code @Mixin}. */
public final class MetricsOption {
    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "Serve Prometheus metrics at http://127.0.0.1:PORT/metrics while running (e.g. 9404)."
                    + " Default: off.")
    Integer port;

    public MetricsOption() {
    }

    public MetricsOption(Integer port) {
        this.port = port;
    }

    /** The port asked for, or null when off. */
    public Integer port() {
        return port;
    }

    /** Checks the value; call with the other option checks, before any work starts. */
    public void validate() {
        if (port != null && (port < 1 || port > 65535)) {
            throw new UserException(ExitCodes.USAGE, "--metrics-port must be a port between 1 and 65535, not " + port);
        }
    }

    /**
     * Starts the endpoint when asked for.
     *
     * @return the running server, or null when --metrics-port was not given (try-with-resources accepts null)
     */
    public MetricsServer start(Supplier<List<Metric>> metrics) {
        validate();
        return port == null ? null : MetricsServer.start(port, metrics);
    }
}
