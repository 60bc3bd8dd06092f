package io.aqstream.e2e.bench;

import io.aqstream.common.processed.VisibleParquetFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.BiConsumer;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;

/**
 * processed_data/ as an analyst's glob sees it, read with parquet-hadoop/parquet-avro's own readers and
 * none of the consumer's code: {@code *.parquet} files at any depth, names starting with a dot skipped
 * (the consumer's in-progress files), as pandas/pyarrow do.
 */
final class ParquetFolder {
    private ParquetFolder() {
    }

    /** The files an analyst's glob sees (see {@link VisibleParquetFiles}). */
    static List<Path> visibleFiles(Path dir) {
        return VisibleParquetFiles.under(dir);
    }

    /** Rows of one file, from its footer (no data pages read). */
    static long rowCount(Path file) {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            return reader.getRecordCount();
        } catch (IOException e) {
            throw new UncheckedIOException("reading the footer of " + file, e);
        }
    }

    /** Calls {@code row} with the station and timestamp of every row of one file. */
    static void forEachRow(Path file, BiConsumer<String, LocalDateTime> row) {
        try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(new LocalInputFile(file))
                .withConf(new Configuration(false)).build()) {
            for (GenericRecord r = reader.read(); r != null; r = reader.read()) {
                row.accept(r.get("station").toString(), timestamp(r.get("timestamp")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file, e);
        }
    }

    /** local-timestamp-micros: a LocalDateTime when the reader converts logical types, else the raw micros. */
    private static LocalDateTime timestamp(Object value) {
        if (value instanceof LocalDateTime t) {
            return t;
        }
        long micros = (Long) value;
        return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC);
    }
}
