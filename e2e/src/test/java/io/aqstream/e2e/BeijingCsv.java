package io.aqstream.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The 12 Beijing station files read with String.split and Double.parseDouble, no project code and no DuckDB:
 * the independent side of the checks of what the pipeline and the report make of them. The real files have
 * no separator inside quotes; quotes are simply removed.
 */
final class BeijingCsv {
    /** The numeric measurements, in the format's order (wd, the text one, is not a report column). */
    static final List<String> CSV_COLUMNS = List.of("PM2.5", "PM10", "SO2", "NO2", "CO", "O3", "TEMP", "PRES", "DEWP",
            "RAIN", "WSPM");
    static final List<String> COLUMNS = List.of("pm2_5", "pm10", "so2", "no2", "co", "o3", "temp", "pres", "dewp",
            "rain", "wspm");

    /** One row: NaN for NA. */
    record Row(String station, LocalDateTime timestamp, double[] values) {
        boolean present(int m) {
            return !Double.isNaN(values[m]);
        }
    }

    final List<Row> rows = new ArrayList<>();

    static BeijingCsv read(Path folder) throws IOException {
        BeijingCsv csv = new BeijingCsv();
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList();
        }
        for (Path file : files) {
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                List<String> header = List.of(in.readLine().replace("\"", "").split(",", -1));
                int[] measured = CSV_COLUMNS.stream().mapToInt(header::indexOf).toArray();
                int year = header.indexOf("year");
                int month = header.indexOf("month");
                int day = header.indexOf("day");
                int hour = header.indexOf("hour");
                int station = header.indexOf("station");
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.isEmpty()) {
                        continue;
                    }
                    String[] f = line.replace("\"", "").split(",", -1);
                    double[] values = new double[measured.length];
                    for (int i = 0; i < measured.length; i++) {
                        String v = f[measured[i]];
                        values[i] = v.equals("NA") ? Double.NaN : Double.parseDouble(v);
                    }
                    csv.rows.add(new Row(f[station], LocalDateTime.of(Integer.parseInt(f[year]), Integer.parseInt(f[month]),
                            Integer.parseInt(f[day]), Integer.parseInt(f[hour]), 0), values));
                }
            }
        }
        return csv;
    }
}
