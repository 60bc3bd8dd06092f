package io.aqstream.common.cli;

import java.time.Duration;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * The one mapping from a failure talking to Kafka to a one-line message and an exit code, used by every
 * command (kcctl's {@code ExecutionExceptionHandler} is the model): a root-cause switch, so "no answer",
 * "refused" and "failed" read the same whichever command met them. Callers add what only they know
 * (what was being done, and what happened to the user's data) in {@code what} and {@code consequence}.
 */
public final class KafkaFailures {
    private KafkaFailures() {
    }

    /**
     * The failure {@code cause}, met at {@code bootstrap} while doing {@code what} (e.g. "reading the
     * topic's metadata"), as the exception to throw. {@link UserException}s anywhere in the chain pass
     * through; anything that is not Kafka's is returned as it is (an unexpected failure, exit 1).
     *
     * @param waited how long the command waited, for the "no answer" message
     * @param consequence what the user's data looks like now, e.g. "nothing was sent"; may be empty
     */
    public static RuntimeException translate(Throwable cause, String bootstrap, Duration waited, String what,
            String consequence) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof UserException) {
                return (UserException) t;
            }
        }
        if (causedBy(cause, TimeoutException.class)) {
            return unreachable(bootstrap, waited, what, consequence);
        }
        Throwable denied = firstOf(cause, AuthenticationException.class, AuthorizationException.class);
        if (denied != null) {
            return new UserException(ExitCodes.KAFKA_UNAVAILABLE, "Kafka at " + bootstrap + " refused us while " + what
                    + ": " + denied.getMessage() + sentence(consequence) + " Check the security settings in"
                    + " --command-config and this user's ACLs.", cause);
        }
        if (cause instanceof KafkaException) {
            return new UserException(ExitCodes.KAFKA_UNAVAILABLE, "Kafka at " + bootstrap + " failed while " + what
                    + ": " + cause.getClass().getSimpleName() + ": " + cause.getMessage() + sentence(consequence), cause);
        }
        return cause instanceof RuntimeException ? (RuntimeException) cause : new IllegalStateException(cause);
    }

    /** No answer from Kafka: the address, how long we waited, and how to start the local node. */
    public static UserException unreachable(String bootstrap, Duration waited, String what, String consequence) {
        if (TlsProbe.speaksTls(bootstrap)) {
            return new UserException(ExitCodes.KAFKA_UNAVAILABLE, "no answer from Kafka at " + bootstrap + " within "
                    + Math.max(1, waited.toSeconds()) + " s while " + what + sentence(consequence) + " It speaks TLS"
                    + " (the secure profile of bin/start-kraft --secure), where a plaintext client gets no answer: give"
                    + " the command --command-config data/secure/ROLE.properties (docs/security.md); with one given"
                    + " already, the node is slow to answer: try again.");
        }
        return new UserException(ExitCodes.KAFKA_UNAVAILABLE, "no answer from Kafka at " + bootstrap + " within "
                + Math.max(1, waited.toSeconds()) + " s while " + what + sentence(consequence) + " Is the node"
                + " running? Start it with bin/start-kraft, or point --bootstrap-server at a running broker.");
    }

    /** Whether {@code type} is anywhere in the cause chain (admin calls wrap timeouts, e.g. "Failed to find brokers"). */
    public static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        return firstOf(t, type) != null;
    }

    @SafeVarargs
    private static Throwable firstOf(Throwable t, Class<? extends Throwable>... types) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            for (Class<? extends Throwable> type : types) {
                if (type.isInstance(c)) {
                    return c;
                }
            }
        }
        return null;
    }

    private static String sentence(String consequence) {
        return consequence == null || consequence.isEmpty() ? "." : "; " + consequence + ".";
    }
}
