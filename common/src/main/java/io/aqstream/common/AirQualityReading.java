package io.aqstream.common;

import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Objects;

/**
 * One hourly row of one station: the unit that travels through Kafka and lands in Parquet.
 *
 * <p>Measurements are nullable: {@code null} means the source said "missing" (-200 in the UCI file).
 * The timestamp is local clock time at the station, as in the source; no time zone is invented.
 */
public final class AirQualityReading {
    private final String station;
    private final LocalDateTime timestamp;
    private final Double[] values;

    /**
     * @param values one entry per {@link Measurement}, in {@link Measurement#ALL} order; copied
     */
    public AirQualityReading(String station, LocalDateTime timestamp, Double[] values) {
        this.station = Objects.requireNonNull(station, "station");
        this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
        if (values.length != Measurement.ALL.size()) {
            throw new IllegalArgumentException(
                    "expected " + Measurement.ALL.size() + " measurements, got " + values.length);
        }
        this.values = values.clone();
    }

    public String station() {
        return station;
    }

    public LocalDateTime timestamp() {
        return timestamp;
    }

    /** The value of one measurement, or {@code null} when it is missing. */
    public Double value(Measurement measurement) {
        return values[measurement.ordinal()];
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof AirQualityReading)) {
            return false;
        }
        AirQualityReading other = (AirQualityReading) o;
        return station.equals(other.station) && timestamp.equals(other.timestamp)
                && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(station, timestamp, Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return "AirQualityReading{station=" + station + ", timestamp=" + timestamp
                + ", values=" + Arrays.toString(values) + "}";
    }
}
