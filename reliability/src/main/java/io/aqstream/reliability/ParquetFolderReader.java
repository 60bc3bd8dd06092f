package io.aqstream.reliability;

import io.aqstream.common.processed.VisibleParquetFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;

/**
 * Reads every finished Parquet file of an output folder the way an analyst's tool would see it: files
 * whose name ends in {@code .parquet} and does not start with a dot. It uses parquet-hadoop's low-level
 * example {@link Group} API, not parquet-avro (which the consumer writes with), and interprets the
 * columns from the documented contract, not from the consumer's code.
 */
final class ParquetFolderReader {
    private ParquetFolderReader() {
    }

    static List<Path> visibleFiles(Path folder) {
        return VisibleParquetFiles.under(folder);
    }

    /** Files an analyst never reads (in-progress, hidden): after a clean final run there must be none. */
    static List<Path> hiddenFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rows in the visible files, from their footers. */
    static long rowCount(Path folder) {
        long rows = 0;
        for (Path file : visibleFiles(folder)) {
            try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
                rows += reader.getRecordCount();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return rows;
    }

    static List<Row> readAll(Path folder) {
        List<Row> rows = new ArrayList<>();
        for (Path file : visibleFiles(folder)) {
            read(file, rows);
        }
        return rows;
    }

    static void read(Path file, List<Row> into) {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            requireLocalTimestampMicros(file, schema);
            MessageColumnIO columns = new ColumnIOFactory().getColumnIO(schema);
            PageReadStore rowGroup;
            while ((rowGroup = reader.readNextRowGroup()) != null) {
                RecordReader<Group> records = columns.getRecordReader(rowGroup, new GroupRecordConverter(schema));
                for (long i = 0; i < rowGroup.getRowCount(); i++) {
                    into.add(toRow(records.read()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static Row toRow(Group g) {
        long micros = g.getLong("timestamp", 0);
        LocalDateTime timestamp = LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC);
        Double[] values = new Double[Columns.MEASUREMENTS.size()];
        for (int i = 0; i < values.length; i++) {
            String column = Columns.MEASUREMENTS.get(i);
            values[i] = g.getFieldRepetitionCount(column) == 0 ? null : g.getDouble(column, 0);
        }
        return new Row(g.getString("station", 0), timestamp, values, g.getInteger("kafka_partition", 0),
                g.getLong("kafka_offset", 0));
    }

    /** The contract says local (not UTC-adjusted) microseconds; reading it any other way would be a guess. */
    private static void requireLocalTimestampMicros(Path file, MessageType schema) {
        LogicalTypeAnnotation type = schema.getType("timestamp").getLogicalTypeAnnotation();
        if (!(type instanceof TimestampLogicalTypeAnnotation ts) || ts.isAdjustedToUTC()
                || ts.getUnit() != LogicalTypeAnnotation.TimeUnit.MICROS) {
            throw new IllegalStateException(file + ": column timestamp is " + type
                    + ", the contract says TIMESTAMP(MICROS, isAdjustedToUTC=false)");
        }
    }
}
