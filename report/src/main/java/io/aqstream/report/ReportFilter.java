package io.aqstream.report;

import io.aqstream.common.processed.ParquetColumns;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The rows a report covers: one station or all, and a half-open local time range [from, to). */
record ReportFilter(Optional<String> station, Optional<LocalDateTime> from, Optional<LocalDateTime> to) {
    private static final DateTimeFormatter SQL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** The SQL condition, empty for no filter. Values are quoted here: DuckDB cannot bind parameters in a view. */
    String where() {
        List<String> parts = new ArrayList<>();
        station.ifPresent(s -> parts.add(ParquetColumns.STATION + " = " + literal(s)));
        from.ifPresent(t -> parts.add(ParquetColumns.TIMESTAMP + " >= TIMESTAMP " + literal(SQL.format(t))));
        to.ifPresent(t -> parts.add(ParquetColumns.TIMESTAMP + " < TIMESTAMP " + literal(SQL.format(t))));
        return parts.isEmpty() ? "" : " WHERE " + String.join(" AND ", parts);
    }

    static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
