package io.aqstream.admin;

import io.aqstream.common.Measurement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;

/**
 * Writes Parquet files following the pipeline's contract (station, timestamp as
 * local-timestamp-micros, 13 optional doubles, kafka_partition, kafka_offset), for summary tests that
 * must not depend on the consumer module.
 */
final class ParquetFiles {
    static final Schema CONTRACT = contract();

    /** One row: station, local time, partition, offset, and the measurements that are not missing. */
    record Row(String station, LocalDateTime time, int partition, long offset, Map<Measurement, Double> values) {
    }

    private ParquetFiles() {
    }

    private static Schema contract() {
        Schema micros = LogicalTypes.localTimestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
        SchemaBuilder.FieldAssembler<Schema> fields = SchemaBuilder.record("AirQualityReading").namespace("io.aqstream")
                .fields()
                .requiredString("station")
                .name("timestamp").type(micros).noDefault();
        for (Measurement m : Measurement.ALL) {
            fields = fields.optionalDouble(m.column());
        }
        return fields.requiredInt("kafka_partition").requiredLong("kafka_offset").endRecord();
    }

    static void write(Path file, List<Row> rows) throws IOException {
        Files.createDirectories(file.getParent());
        try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
                .withSchema(CONTRACT).withDataModel(GenericData.get())
                .withCompressionCodec(CompressionCodecName.ZSTD).build()) {
            for (Row row : rows) {
                GenericRecord r = new GenericData.Record(CONTRACT);
                r.put("station", row.station());
                LocalDateTime t = row.time();
                r.put("timestamp", t.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + t.getNano() / 1_000L);
                for (Measurement m : Measurement.ALL) {
                    r.put(m.column(), row.values().get(m));
                }
                r.put("kafka_partition", row.partition());
                r.put("kafka_offset", row.offset());
                writer.write(r);
            }
        }
    }
}
