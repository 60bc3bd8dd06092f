package io.aqstream.common;

/** Names of the topics that make up the pipeline's contract with other programs. */
public final class Topics {
    /** The replayed air-quality rows, one JSON object per CSV row, keyed by station. */
    public static final String DATA = "air-quality-data";
    /** Raw CSV lines and Kafka messages that were rejected, with headers naming the reason. */
    public static final String DEAD_LETTER = "air-quality-data.dlq";
    /**
     * Compacted topic holding the producer's replay position, written in the same transaction as
     * the rows so that a restarted replay resumes exactly after the last committed row.
     */
    public static final String REPLAY_CHECKPOINTS = "aq-stream.replay-checkpoints";

    private Topics() {
    }
}
