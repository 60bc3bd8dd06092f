package io.aqstream.common;

/** A Kafka message that breaks the {@link ReadingJson} contract; the message says which way. */
public final class InvalidMessageException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidMessageException(String reason) {
        super(reason, null, false, false);
    }
}
