package io.aqstream.admin;

import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.UserException;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * How long any one Kafka request may take. Bounded so that an admin command against a stopped node
 * says so after a few seconds instead of hanging on the client's one-minute default.
 */
public final class TimeoutOption {
    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Give up on a Kafka request after this many seconds. Default: ${DEFAULT-VALUE}.")
    int seconds = 10;

    public Duration duration() {
        if (seconds < 1) {
            throw new UserException(ExitCodes.USAGE, "--timeout " + seconds + ": give a number of seconds of 1 or more.");
        }
        return Duration.ofSeconds(seconds);
    }
}
