package io.aqstream.common;

/** Names of the pipeline's consumer groups, used by the commands that consume and those that report on them. */
public final class ConsumerGroups {
    /** bin/consume's default group: its committed offsets say how far processed_data/ got. */
    public static final String PARQUET = "aq-stream-parquet";

    private ConsumerGroups() {
    }
}
