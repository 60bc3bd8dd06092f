package io.aqstream.producer.replay;

/** What the replay does with a data row that is not in the UCI format. */
public enum OnError {
    /** Stop: abort the open transaction and exit 3; rows committed before stay, a rerun resumes after them. */
    FAIL,
    /** Count the row as rejected, print it on stderr, and go on. */
    SKIP,
    /** Send the raw line to the dead-letter topic, in the same transaction as the rows around it, and go on. */
    DLQ
}
