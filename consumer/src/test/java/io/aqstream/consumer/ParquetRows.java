package io.aqstream.consumer;

import io.aqstream.common.processed.VisibleParquetFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.LocalInputFile;

/**
 * Reads processed_data/ back the way an analyst's glob would see it, with parquet-avro's own reader and
 * none of the consumer's code: every {@code *.parquet} file at any depth, skipping names that start with
 * a dot (as pandas/pyarrow do).
 */
final class ParquetRows {
    private ParquetRows() {
    }

    /** The files an analyst's glob sees (see {@link VisibleParquetFiles}). */
    static List<Path> visibleFiles(Path dir) {
        return VisibleParquetFiles.under(dir);
    }

    static List<GenericRecord> readAll(Path dir) {
        List<GenericRecord> rows = new ArrayList<>();
        for (Path file : visibleFiles(dir)) {
            rows.addAll(read(file));
        }
        return rows;
    }

    static List<GenericRecord> read(Path file) {
        List<GenericRecord> rows = new ArrayList<>();
        try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(new LocalInputFile(file))
                .withConf(new Configuration(false)).build()) {
            for (GenericRecord r = reader.read(); r != null; r = reader.read()) {
                rows.add(r);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file, e);
        }
        return rows;
    }

    static ParquetMetadata footer(Path file) {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            return reader.getFooter();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
