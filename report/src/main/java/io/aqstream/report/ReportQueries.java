package io.aqstream.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aqstream.report.DataSetSchema.Column;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every number of a report, computed by DuckDB's SQL over the view {@code readings}; each method answers one
 * section as JSON, which the page's charts read as is. Timestamps leave DuckDB as text (strftime), so no time
 * zone of this JVM or driver ever touches the data's local clock times.
 */
final class ReportQueries {
    static final String VIEW = "readings";
    /** How many of the highest readings per measurement the report lists. */
    static final int WORST = 10;
    private static final String MINUTE = "'%Y-%m-%d %H:%M'";
    /** Points of the daily-means charts over all stations' lines; Beijing's 12 stations x 1,461 days fit. */
    static final int MAX_LINE_POINTS = 50_000;

    private final Connection db;
    private final List<Column> columns;
    private final JsonNodeFactory json = JsonNodeFactory.instance;

    ReportQueries(Connection db, DataSetSchema schema) {
        this.db = db;
        this.columns = schema.measurements();
    }

    /** Rows, time range and rows per station. */
    ObjectNode overview() throws SQLException {
        ObjectNode o = json.objectNode();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*),"
                + " strftime(min(timestamp), " + MINUTE + "), strftime(max(timestamp), " + MINUTE + ") FROM " + VIEW)) {
            rs.next();
            o.put("rows", rs.getLong(1));
            o.put("first", rs.getString(2));
            o.put("last", rs.getString(3));
        }
        ArrayNode stations = o.putArray("stations");
        query("SELECT station, count(*), strftime(min(timestamp), " + MINUTE + "), strftime(max(timestamp), " + MINUTE
                + ") FROM " + VIEW + " GROUP BY station ORDER BY station", rs -> {
                    ObjectNode st = stations.addObject();
                    st.put("station", rs.getString(1));
                    st.put("rows", rs.getLong(2));
                    st.put("first", rs.getString(3));
                    st.put("last", rs.getString(4));
                });
        return o;
    }

    /** Per month (yyyy-MM): the rows, and per column the share of them where it is missing (NULL or NaN), 0..1. */
    ObjectNode missingByMonth() throws SQLException {
        ObjectNode o = json.objectNode();
        ArrayNode months = o.putArray("months");
        ArrayNode rows = o.putArray("rows");
        ArrayNode share = o.putArray("share"); // [monthIndex, columnIndex, share]
        query("SELECT strftime(timestamp, '%Y-%m') AS month, count(*), " + each(c -> "count(" + present(c) + ")")
                + " FROM " + VIEW + " GROUP BY month ORDER BY month", rs -> {
                    int m = months.size();
                    months.add(rs.getString(1));
                    long n = rs.getLong(2);
                    rows.add(n);
                    for (int i = 0; i < columns.size(); i++) {
                        share.addArray().add(m).add(i).add(1.0 - (double) rs.getLong(3 + i) / n);
                    }
                });
        return o;
    }

    /**
     * Per station, per day (yyyy-MM-dd, the bucket's first day): the mean of each column over its readings in
     * the bucket. The bucket is a day unless that would give more than {@value #MAX_LINE_POINTS} points over all
     * stations' lines, then a week, a month or a year: the chart stays readable and the report's size and
     * memory stay bounded whatever the number of rows (10 million generated rows over 38 years: months).
     */
    ObjectNode dailyMeans() throws SQLException {
        String bucket = bucket();
        ObjectNode o = json.objectNode();
        o.put("bucket", bucket);
        ObjectNode series = o.putObject("stations");
        query("SELECT station, strftime(date_trunc('" + bucket + "', timestamp), '%Y-%m-%d') AS day, "
                + each(c -> "avg(" + present(c) + ")")
                + " FROM " + VIEW + " GROUP BY station, day ORDER BY station, day", rs -> {
                    String station = rs.getString(1);
                    ObjectNode st = series.has(station) ? (ObjectNode) series.get(station) : newStation(series, station);
                    ((ArrayNode) st.get("days")).add(rs.getString(2));
                    for (int i = 0; i < columns.size(); i++) {
                        number((ArrayNode) st.get("means").get(columns.get(i).name()), rs, 3 + i);
                    }
                });
        return o;
    }

    /** The finest of day, week, month and year whose points over all stations stay within the bound. */
    private String bucket() throws SQLException {
        List<String> buckets = List.of("day", "week", "month", "year");
        long[] points = new long[buckets.size()];
        query("SELECT " + buckets.stream().map(b -> "count(DISTINCT (station, date_trunc('" + b + "', timestamp)))")
                .collect(Collectors.joining(", ")) + " FROM " + VIEW, rs -> {
                    for (int i = 0; i < points.length; i++) {
                        points[i] = rs.getLong(i + 1);
                    }
                });
        for (int i = 0; i < points.length; i++) {
            if (points[i] <= MAX_LINE_POINTS) {
                return buckets.get(i);
            }
        }
        return "year";
    }

    private ObjectNode newStation(ObjectNode o, String station) {
        ObjectNode st = o.putObject(station);
        st.putArray("days");
        ObjectNode means = st.putObject("means");
        columns.forEach(c -> means.putArray(c.name()));
        return st;
    }

    /** Per column, the mean by hour of day (0..23, local clock). */
    ObjectNode byHour() throws SQLException {
        return meanBy("hour(timestamp)", 24, 0);
    }

    /** Per column, the mean by day of week (ISO: Monday first). */
    ObjectNode byWeekday() throws SQLException {
        return meanBy("isodow(timestamp)", 7, 1);
    }

    private ObjectNode meanBy(String key, int slots, int firstKey) throws SQLException {
        ObjectNode o = json.objectNode();
        columns.forEach(c -> {
            ArrayNode values = o.putArray(c.name());
            for (int i = 0; i < slots; i++) {
                values.addNull();
            }
        });
        query("SELECT " + key + " AS k, " + each(c -> "avg(" + present(c) + ")") + " FROM " + VIEW
                + " GROUP BY k ORDER BY k", rs -> {
                    int slot = rs.getInt(1) - firstKey;
                    for (int i = 0; i < columns.size(); i++) {
                        double v = rs.getDouble(2 + i);
                        ((ArrayNode) o.get(columns.get(i).name())).set(slot, rs.wasNull() ? json.nullNode()
                                : json.numberNode(v));
                    }
                });
        return o;
    }

    /** Pearson correlation of every pair of columns over the rows where both are present; rows in column order. */
    ArrayNode correlation() throws SQLException {
        ArrayNode matrix = json.arrayNode();
        StringBuilder sql = new StringBuilder("SELECT 0");
        for (Column a : columns) {
            for (Column b : columns) {
                sql.append(", corr(").append(present(a)).append(", ").append(present(b)).append(")");
            }
        }
        query(sql + " FROM " + VIEW, rs -> {
            int n = columns.size();
            for (int i = 0; i < n; i++) {
                ArrayNode row = matrix.addArray();
                for (int j = 0; j < n; j++) {
                    number(row, rs, 2 + i * n + j);
                }
            }
        });
        return matrix;
    }

    /** Per column, the {@value #WORST} highest readings: station, time and value. */
    ObjectNode worstHours() throws SQLException {
        ObjectNode o = json.objectNode();
        for (Column c : columns) {
            ArrayNode list = o.putArray(c.name());
            query("SELECT station, strftime(timestamp, " + MINUTE + "), " + quoted(c) + " FROM " + VIEW
                    + " WHERE " + present(c) + " IS NOT NULL ORDER BY " + quoted(c) + " DESC, timestamp, station LIMIT "
                    + WORST, rs -> {
                        ObjectNode r = list.addObject();
                        r.put("station", rs.getString(1));
                        r.put("time", rs.getString(2));
                        r.put("value", rs.getDouble(3));
                    });
        }
        return o;
    }

    private String each(Function<Column, String> expression) {
        return columns.stream().map(expression).collect(Collectors.joining(", "));
    }

    /** The column as a DOUBLE with NaN as NULL: pandas writes missing floats as NaN, the consumer as NULL. */
    private static String present(Column c) {
        return "nullif(CAST(" + quoted(c) + " AS DOUBLE), 'NaN'::DOUBLE)";
    }

    static String quoted(Column c) {
        return "\"" + c.name().replace("\"", "\"\"") + "\"";
    }

    private void number(ArrayNode into, ResultSet rs, int index) throws SQLException {
        double v = rs.getDouble(index);
        if (rs.wasNull() || Double.isNaN(v)) {
            into.addNull();
        } else {
            into.add(v);
        }
    }

    private interface RowAction {
        void accept(ResultSet rs) throws SQLException;
    }

    private void query(String sql, RowAction action) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                action.accept(rs);
            }
        }
    }
}
