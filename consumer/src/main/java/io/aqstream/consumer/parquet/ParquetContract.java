package io.aqstream.consumer.parquet;

import io.aqstream.common.AirQualityReading;
import io.aqstream.common.InvalidMessageException;
import io.aqstream.common.Measurement;
import io.aqstream.common.ReadingJson;
import io.aqstream.common.format.FormatField;
import io.aqstream.common.format.FormatProfile;
import io.aqstream.common.format.FormatRow;
import io.aqstream.common.format.RowJson;
import io.aqstream.common.processed.ParquetColumns;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * The columns of the files of one topic in processed_data/, from the topic's format (documented for
 * analysts in processed_data/README.md): station, timestamp, one nullable column per field of the format
 * (doubles, or strings for text fields), then the Kafka lineage.
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

    /** The UCI topic's columns: the 13 {@link Measurement}s. */
    public static final Schema SCHEMA = schemaFor(ReadingJson.FIELDS);

    private static final ParquetContract UCI = new ParquetContract(ReadingJson.FIELDS);
    /** Station and timestamp open every record ({@link #start}). */
    private static final int STATION_POS = 0;
    private static final int TIMESTAMP_POS = 1;

    private final Schema schema;
    private final RowJson.Reader reader;
    /** Where the format's first field is in the record: the fields follow station and timestamp. */
    private final int firstFieldPos;
    private final int partitionPos;
    private final int offsetPos;

    private ParquetContract(List<FormatField> fields) {
        this.schema = schemaFor(fields);
        this.reader = new RowJson.Reader(fields);
        this.firstFieldPos = TIMESTAMP_POS + 1;
        this.partitionPos = schema.getField(ParquetColumns.KAFKA_PARTITION).pos();
        this.offsetPos = schema.getField(ParquetColumns.KAFKA_OFFSET).pos();
    }

    /** The contract of a topic whose messages are in {@code format}. */
    public static ParquetContract of(FormatProfile format) {
        return new ParquetContract(format.fields());
    }

    public Schema schema() {
        return schema;
    }

    /** Reads one message value of this topic (see {@link RowJson#fromJson}). */
    public FormatRow decode(byte[] value) throws InvalidMessageException {
        return reader.read(value);
    }

    /**
     * The row for one message read at {@code partition}/{@code offset}. Fields are set by position (the
     * schema's order, fixed in {@link #schemaFor}): a put by name is a hash lookup per field and row.
     */
    public GenericRecord toRecord(FormatRow row, int partition, long offset) {
        GenericData.Record r = new GenericData.Record(schema);
        r.put(STATION_POS, row.station());
        r.put(TIMESTAMP_POS, localMicros(row.timestamp()));
        Object[] values = row.values();
        for (int i = 0; i < values.length; i++) {
            r.put(firstFieldPos + i, values[i]);
        }
        r.put(partitionPos, partition);
        r.put(offsetPos, offset);
        return r;
    }

    static Schema schemaFor(List<FormatField> fields) {
        SchemaBuilder.FieldAssembler<Schema> assembler = start();
        for (FormatField f : fields) {
            String doc = (f.about().isEmpty() ? f.column() : f.about()) + " (" + f.unit() + "); null when missing";
            assembler = f.type() == FormatField.Type.TEXT
                    ? assembler.name(f.name()).doc(doc).type().optional().stringType()
                    : assembler.name(f.name()).doc(doc).type().optional().doubleType();
        }
        return end(assembler);
    }

    private static SchemaBuilder.FieldAssembler<Schema> start() {
        Schema localMicros = LogicalTypes.localTimestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
        return SchemaBuilder.record("air_quality_row")
                .namespace("io.aqstream")
                .doc("One hourly reading of one station, as replayed through Kafka.")
                .fields()
                .name(ParquetColumns.STATION).doc("Station id (the Kafka message key).").type().stringType().noDefault()
                .name(ParquetColumns.TIMESTAMP).doc("Local clock time of the reading, as in the source (no time zone).")
                .type(localMicros).noDefault();
    }

    private static Schema end(SchemaBuilder.FieldAssembler<Schema> fields) {
        return fields
                .name(ParquetColumns.KAFKA_PARTITION).doc("Kafka partition the row was read from.").type().intType().noDefault()
                .name(ParquetColumns.KAFKA_OFFSET).doc("Kafka offset of the row in that partition.").type().longType().noDefault()
                .endRecord();
    }

    /** The row for one UCI reading read at {@code partition}/{@code offset}. */
    public static GenericRecord toRecord(AirQualityReading reading, int partition, long offset) {
        Object[] values = new Object[Measurement.ALL.size()];
        for (Measurement m : Measurement.ALL) {
            values[m.ordinal()] = reading.value(m);
        }
        return UCI.toRecord(new FormatRow(reading.station(), reading.timestamp(), values), partition, offset);
    }

    /** Microseconds of the local date-time counted as if it were UTC: the encoding of local-timestamp-micros. */
    public static long localMicros(LocalDateTime t) {
        return ChronoUnit.MICROS.between(LocalDateTime.ofEpochSecond(0, 0, ZoneOffset.UTC), t);
    }
}
