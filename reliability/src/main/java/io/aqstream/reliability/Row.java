package io.aqstream.reliability;

import java.time.LocalDateTime;
import java.util.Arrays;

/**
 * One reading as the verifier sees it: station and local time (its identity in the generated data),
 * the 13 measurements in {@link Columns} order (null = missing), and where it was found in Kafka
 * (partition and offset; -1 for a row read from the CSV).
 */
record Row(String station, LocalDateTime timestamp, Double[] values, int partition, long offset) {

    /** The identity of a reading: a station has one row per hour. */
    String key() {
        return station + "@" + timestamp;
    }

    /** The Kafka position, unique across a correct output. */
    String position() {
        return partition + "@" + offset;
    }

    boolean sameValues(Row other) {
        return Arrays.equals(values, other.values);
    }
}
