package io.aqstream.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data rows of the UCI file, split here with String.split and no project code, as the reference
 * the clients' output is compared with: measurement {@code i} is CSV field {@code i + 2} (CO(GT) ...
 * AH, the order of io.aqstream.common.Measurement), {@code null} where the CSV says -200.
 */
final class CsvRows {
    /** Column names of the 13 measurements in CSV order (the Parquet and JSON names). */
    static final List<String> COLUMNS = List.of("co_gt", "pt08_s1_co", "nmhc_gt", "c6h6_gt", "pt08_s2_nmhc",
            "nox_gt", "pt08_s3_nox", "no2_gt", "pt08_s4_no2", "pt08_s5_o3", "t", "rh", "ah");

    /** One data row: its 1-based line in the file (the header is line 1), clock time and 13 values. */
    record Row(int line, LocalDateTime timestamp, Double[] values) {
    }

    private static final DateTimeFormatter SQL_TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    final List<Row> rows;
    final Map<Integer, Row> byLine;

    private CsvRows(List<Row> rows) {
        this.rows = Collections.unmodifiableList(rows);
        Map<Integer, Row> map = new LinkedHashMap<>();
        for (Row r : rows) {
            map.put(r.line(), r);
        }
        this.byLine = Collections.unmodifiableMap(map);
    }

    static CsvRows read(Path csv) throws IOException {
        List<Row> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(csv, StandardCharsets.US_ASCII);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isEmpty() || !Character.isDigit(line.charAt(0))) {
                continue; // the header and the empty ;;;; rows
            }
            String[] f = line.split(";", -1);
            String[] date = f[0].split("/");
            String[] time = f[1].split("\\.");
            LocalDateTime ts = LocalDateTime.of(Integer.parseInt(date[2]), Integer.parseInt(date[1]),
                    Integer.parseInt(date[0]), Integer.parseInt(time[0]), Integer.parseInt(time[1]),
                    Integer.parseInt(time[2]));
            Double[] values = new Double[COLUMNS.size()];
            for (int m = 0; m < values.length; m++) {
                double v = Double.parseDouble(f[m + 2].replace(',', '.'));
                values[m] = v == -200 ? null : v;
            }
            rows.add(new Row(i + 1, ts, values));
        }
        assertEquals(9357, rows.size(), "data rows in " + csv);
        return new CsvRows(rows);
    }

    /** A clock time as DuckDB prints a TIMESTAMP and reads a TIMESTAMP literal: {@code 2004-03-10 18:00:00}. */
    static String sqlTimestamp(LocalDateTime t) {
        return SQL_TIMESTAMP.format(t);
    }

    /** Rows with a value (not -200) in measurement {@code column}. */
    long present(String column) {
        int m = COLUMNS.indexOf(column);
        if (m < 0) {
            throw new IllegalArgumentException(column);
        }
        return rows.stream().filter(r -> r.values()[m] != null).count();
    }

    long missing(String column) {
        return rows.size() - present(column);
    }
}
