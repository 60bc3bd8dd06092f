package io.aqstream.report;

import io.aqstream.common.Measurement;
import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.UserException;
import io.aqstream.common.format.FormatField;
import io.aqstream.common.format.FormatProfile;
import io.aqstream.common.format.FormatProfiles;
import io.aqstream.common.processed.ParquetColumns;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The columns a report shows, read from the Parquet schema rather than from a fixed list, so any data set
 * the pipeline writes (UCI, generated, other formats) gets a report: the measurements are the numeric
 * columns other than the station, the time and the Kafka lineage. The format is the one (conf/formats/) whose
 * fields the columns are, when there is one: it gives the units and the credit line.
 */
record DataSetSchema(List<Column> measurements, Optional<FormatProfile> format) {
    /** One measurement column and its unit when the data set's format names one. */
    record Column(String name, Optional<String> unit) {
    }

    private static final Set<String> NOT_MEASUREMENTS = Set.of(ParquetColumns.STATION, ParquetColumns.TIMESTAMP,
            ParquetColumns.KAFKA_PARTITION, ParquetColumns.KAFKA_OFFSET);

    /** Column types DuckDB reports for numbers; DECIMAL(p,s) is matched by its prefix. */
    private static final Set<String> NUMERIC = Set.of("DOUBLE", "FLOAT", "REAL", "TINYINT", "SMALLINT", "INTEGER",
            "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT");

    /** @param topic the data set's topic folder: its format comes first when two formats have its columns */
    static DataSetSchema of(Connection db, String table, String topic) throws SQLException {
        List<String> names = new ArrayList<>();
        List<String> numeric = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("DESCRIBE SELECT * FROM " + table)) {
            while (rs.next()) {
                String name = rs.getString("column_name");
                String type = rs.getString("column_type");
                names.add(name);
                if (!NOT_MEASUREMENTS.contains(name) && (NUMERIC.contains(type) || type.startsWith("DECIMAL"))) {
                    numeric.add(name);
                }
            }
        }
        Optional<FormatProfile> format = FormatProfiles.ofProject().ofColumns(topic,
                names.stream().filter(n -> !NOT_MEASUREMENTS.contains(n)).toList());
        List<Column> measurements = numeric.stream().map(n -> new Column(n, unitOf(format, n))).toList();
        if (!names.contains(ParquetColumns.STATION) || !names.contains(ParquetColumns.TIMESTAMP)) {
            throw new UserException(ExitCodes.BAD_INPUT, "these Parquet files have no '" + ParquetColumns.STATION
                    + "' and '" + ParquetColumns.TIMESTAMP + "' columns (found " + names + "), so bin/consume did not"
                    + " write them. Point --data at the folder bin/consume wrote.");
        }
        return new DataSetSchema(measurements, format);
    }

    /** Units come from the data set's format (conf/formats/), found from its columns; none when no format has them. */
    private static Optional<String> unitOf(Optional<FormatProfile> format, String column) {
        return format.flatMap(f -> f.fields().stream().filter(x -> x.name().equals(column)).findFirst())
                .map(FormatField::unit).filter(u -> !u.isEmpty());
    }

    /** True when the columns are exactly those of the UCI Air Quality layout. */
    boolean isUciLayout() {
        return measurements.stream().map(Column::name).toList()
                .equals(Measurement.ALL.stream().map(Measurement::column).toList());
    }
}
