package io.aqstream.common.processed;

/**
 * The names of the Parquet columns that are not measurements (those are {@code Measurement#column()}):
 * the contract analysts and aq-admin read, documented in processed_data/README.md.
 */
public final class ParquetColumns {
    /** Station id, the Kafka message key. */
    public static final String STATION = "station";
    /** Local clock time of the reading, as in the source (no time zone). */
    public static final String TIMESTAMP = "timestamp";
    /** Lineage: the Kafka partition and offset a row was read from, unique across a folder. */
    public static final String KAFKA_PARTITION = "kafka_partition";
    public static final String KAFKA_OFFSET = "kafka_offset";

    private ParquetColumns() {
    }
}
