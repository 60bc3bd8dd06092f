package io.aqstream.consumer.parquet;

import io.aqstream.common.AirQualityReading;
import io.aqstream.common.Measurement;
import io.aqstream.common.processed.ParquetColumns;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * The columns of every file in processed_data/ (documented for analysts in processed_data/README.md).
 *
 * <p>Why these types: the timestamp is Avro {@code local-timestamp-micros}, which parquet-avro writes
 * as {@code TIMESTAMP(MICROS, isAdjustedToUTC=false)}: pandas reads it as naive {@code datetime64},
 * DuckDB as {@code TIMESTAMP}, i.e. the local clock time of the source, with no zone invented
 * ({@code timestamp-micros} would be read as UTC and shift every row for a reader in another zone).
 * Measurements are optional doubles, so a missing value is NULL/NaN and never -200. The lineage
 * columns say where each row came from in Kafka, which is also how exactly-once is checked.
 *
 * <p>No derived columns: every measurement the course needs is already a column, and anything derived
 * (hour of day, missing counts) is one line of pandas/SQL on the typed timestamp and NULLs.
 */
public final class ParquetContract {
    /** The value of the footer key {@code ParquetFooter.CONTRACT_VERSION}: the version of these columns. */
    public static final String CONTRACT_VERSION = "1";

    public static final Schema SCHEMA = buildSchema();

    private ParquetContract() {
    }

    private static Schema buildSchema() {
        Schema localMicros = LogicalTypes.localTimestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
        SchemaBuilder.FieldAssembler<Schema> fields = SchemaBuilder.record("air_quality_row")
                .namespace("io.aqstream")
                .doc("One hourly reading of one station, as replayed through Kafka.")
                .fields()
                .name(ParquetColumns.STATION).doc("Station id (the Kafka message key).").type().stringType().noDefault()
                .name(ParquetColumns.TIMESTAMP).doc("Local clock time of the reading, as in the source (no time zone).")
                .type(localMicros).noDefault();
        for (Measurement m : Measurement.ALL) {
            fields = fields.name(m.column()).doc(m.description() + " (" + m.unit() + "); null when missing")
                    .type().optional().doubleType();
        }
        return fields
                .name(ParquetColumns.KAFKA_PARTITION).doc("Kafka partition the row was read from.").type().intType().noDefault()
                .name(ParquetColumns.KAFKA_OFFSET).doc("Kafka offset of the row in that partition.").type().longType().noDefault()
                .endRecord();
    }

    /** The row for one reading read at {@code partition}/{@code offset}. */
    public static GenericRecord toRecord(AirQualityReading reading, int partition, long offset) {
        GenericData.Record row = new GenericData.Record(SCHEMA);
        row.put(ParquetColumns.STATION, reading.station());
        row.put(ParquetColumns.TIMESTAMP, localMicros(reading.timestamp()));
        for (Measurement m : Measurement.ALL) {
            row.put(m.column(), reading.value(m));
        }
        row.put(ParquetColumns.KAFKA_PARTITION, partition);
        row.put(ParquetColumns.KAFKA_OFFSET, offset);
        return row;
    }

    /** Microseconds of the local date-time counted as if it were UTC: the encoding of local-timestamp-micros. */
    public static long localMicros(LocalDateTime t) {
        return ChronoUnit.MICROS.between(LocalDateTime.ofEpochSecond(0, 0, ZoneOffset.UTC), t);
    }
}
