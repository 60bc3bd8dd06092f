package io.aqstream.consumer.parquet;

import io.aqstream.common.processed.ParquetColumns;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.avro.AvroWriteSupport;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.RecordConsumer;

/**
 * A Parquet file of {@link ParquetContract} rows written through {@link LocalOutputFile} (no Hadoop
 * file system). ZSTD: the smallest and among the fastest codecs measured (field notes), and readable by
 * pandas/pyarrow, DuckDB and Spark. Dictionary encoding (on by default) turns the repeated station
 * names into a few bytes.
 *
 * <p>The footer's key/value metadata is taken at close time from {@code footer}, so it can carry the
 * last offset, which is only known then ({@code withExtraMetaData} would need it up front).
 *
 * <p>Durability is not this class's job: {@link LocalOutputFile} never fsyncs; the caller forces the
 * file after {@link #close()} (see {@code OutputFolder#publish}).
 */
public final class ParquetRowWriter implements RowWriter {
    /**
     * Row group bound: each open file buffers at most about this much before writing a row group,
     * so memory stays flat however long a file stays open (the default 128 MB would be held in RAM).
     */
    public static final long DEFAULT_ROW_GROUP_BYTES = 16L * 1024 * 1024;

    private final ParquetWriter<GenericRecord> writer;

    private ParquetRowWriter(ParquetWriter<GenericRecord> writer) {
        this.writer = writer;
    }

    /** Creates {@code file} (it must not exist) and returns a writer for it. */
    public static ParquetRowWriter create(Path file, Schema schema, long rowGroupBytes,
            Supplier<Map<String, String>> footer) throws IOException {
        ParquetWriter<GenericRecord> w = new Builder(new LocalOutputFile(file), schema, footer)
                .withConf(new Configuration(false))
                .withWriteMode(ParquetFileWriter.Mode.CREATE)
                .withCompressionCodec(CompressionCodecName.ZSTD)
                .withRowGroupSize(rowGroupBytes)
                // Every offset is unique: its dictionary never pays, and is given up only after filling a
                // hash map (the two long columns' dictionaries were 18% of bin/consume's samples in
                // bench/consumer's JFR, 2026-12-02, offsets and timestamps both unique there). Plain pages,
                // which the writer falls back to anyway.
                .withDictionaryEncoding(ParquetColumns.KAFKA_OFFSET, false)
                .withPageWriteChecksumEnabled(true)
                .build();
        return new ParquetRowWriter(w);
    }

    @Override
    public void write(GenericRecord row) throws IOException {
        writer.write(row);
    }

    @Override
    public long dataSize() {
        return writer.getDataSize();
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }

    private static final class Builder extends ParquetWriter.Builder<GenericRecord, Builder> {
        private final Schema schema;
        private final Supplier<Map<String, String>> footer;

        Builder(LocalOutputFile file, Schema schema, Supplier<Map<String, String>> footer) {
            super(file);
            this.schema = schema;
            this.footer = footer;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        @SuppressWarnings("deprecation") // abstract in 1.18.1: must be implemented, Hadoop flavour
        protected WriteSupport<GenericRecord> getWriteSupport(Configuration conf) {
            return new FooterWriteSupport(new AvroWriteSupport<>(new AvroSchemaConverter(conf).convert(schema),
                    schema, GenericData.get()), footer);
        }

        @Override
        protected WriteSupport<GenericRecord> getWriteSupport(ParquetConfiguration conf) {
            return new FooterWriteSupport(new AvroWriteSupport<>(new AvroSchemaConverter(conf).convert(schema),
                    schema, GenericData.get()), footer);
        }
    }

    /** Avro's write support, plus our key/value pairs in the footer, computed when the file is closed. */
    private static final class FooterWriteSupport extends WriteSupport<GenericRecord> {
        private final AvroWriteSupport<GenericRecord> avro;
        private final Supplier<Map<String, String>> footer;

        FooterWriteSupport(AvroWriteSupport<GenericRecord> avro, Supplier<Map<String, String>> footer) {
            this.avro = avro;
            this.footer = footer;
        }

        @Override
        @SuppressWarnings("deprecation") // still the path parquet-hadoop calls with a Hadoop Configuration
        public WriteContext init(Configuration conf) {
            return avro.init(conf);
        }

        @Override
        public WriteContext init(ParquetConfiguration conf) {
            return avro.init(conf);
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            avro.prepareForWrite(recordConsumer);
        }

        @Override
        public void write(GenericRecord record) {
            avro.write(record);
        }

        @Override
        public String getName() {
            return avro.getName();
        }

        @Override
        public FinalizedWriteContext finalizeWrite() {
            Map<String, String> meta = new LinkedHashMap<>(avro.finalizeWrite().getExtraMetaData());
            meta.putAll(footer.get());
            return new FinalizedWriteContext(meta);
        }
    }
}
