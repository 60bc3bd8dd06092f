package io.aqstream.common.cli;

/**
 * A failure caused by something the user can fix: the message says what happened and how to fix it,
 * and the command prints it as one line, without a stack trace (like Kafka's TerseException).
 */
public class UserException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    public UserException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public UserException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
