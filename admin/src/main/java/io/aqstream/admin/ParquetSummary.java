package io.aqstream.admin;

import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.UserException;
import io.aqstream.common.format.FormatProfile;
import io.aqstream.common.format.FormatProfiles;
import io.aqstream.common.processed.ParquetColumns;
import io.aqstream.common.processed.TopicIncarnation;
import io.aqstream.common.processed.VisibleParquetFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;

/**
 * Figures an analyst checks before trusting processed_data/: rows, files, stations, time range, and per
 * measurement count, missing share, min, mean and max; plus duplicate checks. Reads the files as
 * generic Avro records, so it depends only on the Parquet contract, not on the consumer's code.
 */
final class ParquetSummary {

    /** Running figures of one measurement column: numbers get min, mean and max; text only its count. */
    static final class Column {
        boolean present;
        boolean numeric = true;
        long count;
        double sum;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;

        void addText() {
            count++;
        }

        void add(double v) {
            count++;
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }

        Double mean() {
            return count == 0 ? null : sum / count;
        }
    }

    final Path root;
    final List<Path> files = new ArrayList<>();
    long rows;
    final Set<String> stations = new TreeSet<>();
    LocalDateTime first;
    LocalDateTime last;
    /**
     * The measurement columns by name, in the order of the data set's format (every one of its fields, present
     * or not) when one is known, else of the files' schema; {@link #format} says which.
     */
    final Map<String, Column> columns = new LinkedHashMap<>();
    /** The format whose fields the files' measurement columns are, when a known one (conf/formats/) has them all. */
    Optional<FormatProfile> format = Optional.empty();
    /** Whether every file carries kafka_partition and kafka_offset, so the offset duplicate check means something. */
    boolean hasKafkaColumns = true;
    long duplicateOffsets;
    long duplicateReadings;
    /** Files per topic incarnation named in their footers ({@link #UNRECORDED} for files that name none). */
    final SortedMap<String, Integer> sources = new TreeMap<>();
    static final String UNRECORDED = "(not recorded: files of an older aq-stream or another program)";

    private static final Set<String> NOT_MEASUREMENTS = Set.of(ParquetColumns.STATION, ParquetColumns.TIMESTAMP,
            ParquetColumns.KAFKA_PARTITION, ParquetColumns.KAFKA_OFFSET);

    private final Map<Integer, Set<Long>> seenOffsets = new HashMap<>();
    private final Set<String> seenReadings = new HashSet<>();

    private ParquetSummary(Path root) {
        this.root = root;
    }

    /**
     * Summarises every finished {@code *.parquet} file under {@code dir}, at any depth. Names starting
     * with '.' or '_' (in-progress files, markers) are skipped, as pandas and Spark skip them.
     */
    static ParquetSummary of(Path dir, FormatProfiles formats) {
        ParquetSummary summary = new ParquetSummary(dir);
        summary.files.addAll(VisibleParquetFiles.under(dir));
        summary.findFormat(formats);
        for (Path file : summary.files) {
            summary.read(file);
        }
        return summary;
    }

    /** The format of the first file's measurement columns; every file's own columns are checked as it is read. */
    private void findFormat(FormatProfiles formats) {
        if (files.isEmpty()) {
            return;
        }
        Schema schema;
        try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(new LocalInputFile(files.get(0)))
                .withDataModel(GenericData.get()).build()) {
            GenericRecord first = reader.read();
            if (first == null) {
                return;
            }
            schema = first.getSchema();
        } catch (IOException | RuntimeException e) {
            throw unreadable(files.get(0), e);
        }
        List<String> measurements = schema.getFields().stream().map(Schema.Field::name)
                .filter(name -> !NOT_MEASUREMENTS.contains(name)).toList();
        format = formats.ofColumns(root.getFileName() == null ? "" : root.getFileName().toString(), measurements);
        format.ifPresent(f -> f.fields().forEach(field -> columns.put(field.name(), new Column())));
    }

    private static UserException unreadable(Path file, Exception e) {
        return new UserException(ExitCodes.BAD_INPUT, file + ": not a readable Parquet file (" + e.getClass().getSimpleName()
                + ": " + e.getMessage() + "). Move it out of the folder if it is not the pipeline's.", e);
    }

    private void read(Path file) {
        readSource(file);
        try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(new LocalInputFile(file))
                .withDataModel(GenericData.get()).build()) {
            GenericRecord record;
            boolean firstRecord = true;
            while ((record = reader.read()) != null) {
                if (firstRecord) {
                    checkSchema(file, record.getSchema());
                    firstRecord = false;
                }
                add(record);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof UserException) {
                throw (UserException) e;
            }
            throw unreadable(file, e);
        }
    }

    private void readSource(Path file) {
        Map<String, String> footer;
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            footer = reader.getFooter().getFileMetaData().getKeyValueMetaData();
        } catch (IOException | RuntimeException e) {
            throw new UserException(ExitCodes.BAD_INPUT, file + ": not a readable Parquet file (" + e.getClass().getSimpleName()
                    + ": " + e.getMessage() + "). Move it out of the folder if it is not the pipeline's.", e);
        }
        TopicIncarnation source = TopicIncarnation.fromFooter(footer);
        sources.merge(source == null ? UNRECORDED : source.describe(), 1, Integer::sum);
    }

    /** Whether the files come from more than one topic incarnation (e.g. before and after a reset). */
    boolean mixesSources() {
        return sources.size() > 1;
    }

    boolean hasDuplicates() {
        return duplicateOffsets > 0 || duplicateReadings > 0;
    }

    private void checkSchema(Path file, Schema schema) {
        for (String required : List.of(ParquetColumns.STATION, ParquetColumns.TIMESTAMP)) {
            if (schema.getField(required) == null) {
                throw new UserException(ExitCodes.BAD_INPUT, file + ": column '" + required + "' is missing; this is not"
                        + " a file of the aq-stream Parquet contract (columns: station, timestamp, then the measurements"
                        + " of its format in conf/formats/).");
            }
        }
        for (Schema.Field field : schema.getFields()) {
            if (!NOT_MEASUREMENTS.contains(field.name())) {
                Column c = columns.computeIfAbsent(field.name(), n -> new Column());
                c.present = true;
                Schema.Type type = nonNull(field.schema()).getType();
                c.numeric &= type == Schema.Type.DOUBLE || type == Schema.Type.FLOAT || type == Schema.Type.INT
                        || type == Schema.Type.LONG;
            }
        }
        if (schema.getField(ParquetColumns.KAFKA_PARTITION) == null || schema.getField(ParquetColumns.KAFKA_OFFSET) == null) {
            hasKafkaColumns = false;
        }
    }

    private void add(GenericRecord record) {
        rows++;
        Object station = record.get(ParquetColumns.STATION);
        String stationName = station == null ? "(none)" : station.toString();
        stations.add(stationName);
        LocalDateTime time = localTime(record.get(ParquetColumns.TIMESTAMP), record.getSchema().getField(ParquetColumns.TIMESTAMP).schema());
        if (time != null) {
            first = first == null || time.isBefore(first) ? time : first;
            last = last == null || time.isAfter(last) ? time : last;
            if (!seenReadings.add(stationName + '|' + time)) {
                duplicateReadings++;
            }
        }
        for (Map.Entry<String, Column> c : columns.entrySet()) {
            Schema.Field field = record.getSchema().getField(c.getKey());
            Object v = field == null ? null : record.get(field.pos());
            if (v instanceof Number) {
                double d = ((Number) v).doubleValue();
                if (!Double.isNaN(d)) {
                    c.getValue().add(d);
                }
            } else if (v != null) {
                c.getValue().addText();
            }
        }
        if (record.getSchema().getField(ParquetColumns.KAFKA_PARTITION) != null && record.getSchema().getField(ParquetColumns.KAFKA_OFFSET) != null) {
            Object partition = record.get(ParquetColumns.KAFKA_PARTITION);
            Object offset = record.get(ParquetColumns.KAFKA_OFFSET);
            if (partition instanceof Number && offset instanceof Number
                    && !seenOffsets.computeIfAbsent(((Number) partition).intValue(), p -> new HashSet<>())
                    .add(((Number) offset).longValue())) {
                duplicateOffsets++;
            }
        }
    }

    /**
     * The timestamp as local clock time. The contract says local-timestamp-micros (a long without a
     * zone); UTC timestamps and strings are accepted too, so older files still summarise.
     */
    static LocalDateTime localTime(Object value, Schema schema) {
        if (value == null) {
            return null;
        }
        if (value instanceof LocalDateTime) {
            return (LocalDateTime) value;
        }
        if (value instanceof Instant) {
            return LocalDateTime.ofInstant((Instant) value, ZoneOffset.UTC);
        }
        if (value instanceof Long) {
            long v = (Long) value;
            LogicalType type = nonNull(schema).getLogicalType();
            boolean millis = type instanceof LogicalTypes.TimestampMillis || type instanceof LogicalTypes.LocalTimestampMillis;
            long seconds = millis ? Math.floorDiv(v, 1_000L) : Math.floorDiv(v, 1_000_000L);
            long nanos = millis ? Math.floorMod(v, 1_000L) * 1_000_000L : Math.floorMod(v, 1_000_000L) * 1_000L;
            return LocalDateTime.ofEpochSecond(seconds, (int) nanos, ZoneOffset.UTC);
        }
        try {
            return LocalDateTime.parse(value.toString());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Schema nonNull(Schema schema) {
        if (schema.getType() == Schema.Type.UNION) {
            for (Schema s : schema.getTypes()) {
                if (s.getType() != Schema.Type.NULL) {
                    return s;
                }
            }
        }
        return schema;
    }
}
