package io.aqstream.common.processed;

/**
 * Keys of the key/value metadata in the footer of every Parquet file in processed_data/ (documented for
 * analysts in processed_data/README.md). Written by bin/consume; read by aq-admin summary and any
 * reader that wants to know where a file came from.
 */
public final class ParquetFooter {
    /** Version of the Parquet contract (columns and types) the file follows. */
    public static final String CONTRACT_VERSION = "aq.parquet.contract";
    public static final String TOPIC = "aq.kafka.topic";
    /** The topic's id: a new one each time the topic is created (see {@link TopicIncarnation}). */
    public static final String TOPIC_ID = "aq.kafka.topic_id";
    public static final String CLUSTER_ID = "aq.kafka.cluster_id";
    public static final String PARTITION = "aq.kafka.partition";
    public static final String FIRST_OFFSET = "aq.kafka.first_offset";
    public static final String LAST_OFFSET = "aq.kafka.last_offset";
    public static final String ROWS = "aq.rows";

    private ParquetFooter() {
    }
}
