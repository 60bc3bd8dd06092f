package io.aqstream.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aqstream.common.DataSetCredit;
import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.UserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Runs the report's queries in an in-process DuckDB over the source's Parquet files and gathers the answers
 * into the one JSON document the page draws from (and tests compare with their own computation).
 */
final class ReportData {
    private ReportData() {
    }

    /**
     * @param memoryLimit DuckDB's memory_limit (e.g. "512MB"): DuckDB works outside the Java heap, so -Xmx does
     *     not bound it; above the limit it spills to a temporary folder instead of growing.
     */
    static ObjectNode compute(ReportSource source, ReportFilter filter, String memoryLimit) throws SQLException,
            IOException {
        Path spill = Files.createTempDirectory("aq-report-duckdb-");
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
            try (Statement s = db.createStatement()) {
                try {
                    s.execute("SET memory_limit = " + ReportFilter.literal(memoryLimit));
                } catch (SQLException e) {
                    throw new UserException(ExitCodes.USAGE, "--memory-limit " + memoryLimit + ": not a size DuckDB"
                            + " understands. Write it like 512MB or 2GB.", e);
                }
                s.execute("SET temp_directory = " + ReportFilter.literal(spill.toString()));
                s.execute("CREATE TEMP VIEW all_readings AS SELECT * FROM read_parquet(" + fileList(source) + ")");
            }
            DataSetSchema schema = DataSetSchema.of(db, "all_readings", source.topic());
            List<String> stations = stations(db);
            filter.station().filter(s -> !stations.contains(s)).ifPresent(s -> {
                throw new UserException(ExitCodes.BAD_INPUT, "no station " + s + " in " + source.folder() + "; it holds "
                        + String.join(", ", stations.subList(0, Math.min(20, stations.size())))
                        + (stations.size() > 20 ? ", ..." : "") + ". Pass one of those to --station, or leave it out.");
            });
            try (Statement s = db.createStatement()) {
                s.execute("CREATE TEMP VIEW " + ReportQueries.VIEW + " AS SELECT * FROM all_readings" + filter.where());
            }
            ReportQueries q = new ReportQueries(db, schema);
            ObjectNode overview = q.overview();
            if (overview.get("rows").asLong() == 0) {
                throw new UserException(ExitCodes.BAD_INPUT, "no rows of " + source.folder() + " match --from/--to"
                        + " (the data covers " + range(db) + "). Widen the range.");
            }
            ObjectNode root = JsonNodeFactory.instance.objectNode();
            root.put("topic", source.topic());
            root.put("folder", source.folder().toAbsolutePath().normalize().toString());
            root.put("files", source.files().size());
            root.put("credit", credit(schema, stations));
            ObjectNode filterJson = root.putObject("filter");
            filter.station().ifPresent(s -> filterJson.put("station", s));
            filter.from().ifPresent(t -> filterJson.put("from", t.toString()));
            filter.to().ifPresent(t -> filterJson.put("to", t.toString()));
            ArrayNode columns = root.putArray("columns");
            schema.measurements().forEach(c -> {
                ObjectNode col = columns.addObject().put("name", c.name());
                c.unit().ifPresent(u -> col.put("unit", u));
            });
            root.set("overview", overview);
            root.set("missing", q.missingByMonth());
            root.set("daily", q.dailyMeans());
            root.set("hour", q.byHour());
            root.set("weekday", q.byWeekday());
            root.set("correlation", q.correlation());
            root.set("worst", q.worstHours());
            return root;
        } catch (SQLException e) {
            throw mixedLayouts(source, e).orElseThrow(() -> e);
        } finally {
            try (var files = Files.walk(spill)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /**
     * Files of two layouts in one folder (say UCI and Beijing rows consumed into the same --output): DuckDB
     * reads them by the first file's columns and stops at the first file without them.
     */
    private static java.util.Optional<UserException> mixedLayouts(ReportSource source, SQLException e) {
        String message = String.valueOf(e.getMessage());
        if (!message.contains("schema mismatch")) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new UserException(ExitCodes.BAD_INPUT, "the Parquet files under " + source.folder()
                + " do not all have the same columns, so they hold more than one data set (DuckDB: "
                + message.lines().findFirst().orElse("") + "). Keep one data set per folder: move the other files"
                + " aside, or bin/start-over and replay one file.", e));
    }

    /** The files by name, not a glob: exactly the ones {@link ReportSource} accepted (never an in-progress file). */
    private static String fileList(ReportSource source) {
        return source.files().stream().map(p -> ReportFilter.literal(p.toAbsolutePath().toString()))
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static List<String> stations(Connection db) throws SQLException {
        List<String> stations = new ArrayList<>();
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT DISTINCT station FROM all_readings ORDER BY station")) {
            while (rs.next()) {
                stations.add(rs.getString(1));
            }
        }
        return stations;
    }

    private static String range(Connection db) throws SQLException {
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT min(timestamp), max(timestamp) FROM all_readings")) {
            rs.next();
            return rs.getString(1) + " .. " + rs.getString(2);
        }
    }

    /**
     * The Parquet files do not record where their rows came from, so the credit is named where the data says
     * it: the UCI layout under the station id the shipped file gets, or the credit line of the format whose
     * columns these are (conf/formats/, e.g. Beijing), said as the data set that format was written for.
     * Anything else asks the reader to credit the source.
     */
    private static String credit(DataSetSchema schema, List<String> stations) {
        if (schema.isUciLayout() && stations.equals(List.of(DataSetCredit.UCI_STATION))) {
            return DataSetCredit.UCI;
        }
        return schema.format().flatMap(f -> f.credit().map(c -> c + " (the data set the " + f.name()
                        + " format describes; if these rows come from elsewhere, credit their source)"))
                .orElse("source not recorded in the Parquet files; credit it as its licence asks");
    }
}
