package io.aqstream.producer.csv;

import io.aqstream.common.AirQualityReading;
import io.aqstream.common.Measurement;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * The hand-written UCI parser of the releases before formats were data, kept in the tests: the
 * format-driven {@link ProfileRowParser} is checked against it on every row of the real file
 * (RealFileParseTest), and the producer benchmark's baseline loop builds its records with it.
 *
 * <p>Turns one data line of the UCI file into an {@link AirQualityReading}, strictly: every value must be
 * in the file's own notation.
 */
public final class UciRowParser {
    private static final String NUMBER_EXPECTED =
            "a number with a decimal comma such as 2,6 or 1360 (-200 for a missing value)";

    private final String station;
    private final int[] starts = new int[UciFormat.DATA_FIELDS];
    private final int[] ends = new int[UciFormat.DATA_FIELDS];
    /** The last date parsed: 24 rows in a row share it, and LocalDate.of's checks showed up in profiles. */
    private int lastDateKey = -1;
    private LocalDate lastDate;

    public UciRowParser(String station) {
        this.station = station;
    }

    /**
     * @param line a non-empty data line (see {@link UciFormat#isEmptyRow}), without its line end
     * @throws RowException naming the first field that is not in the UCI format
     */
    public AirQualityReading parse(String line) throws RowException {
        split(line);
        LocalDate date = cachedDate(line, starts[0], ends[0]);
        int secondOfDay = parseTime(line, starts[1], ends[1]);
        LocalDateTime timestamp = date.atTime(secondOfDay / 3600, secondOfDay / 60 % 60, secondOfDay % 60);
        Double[] values = new Double[Measurement.ALL.size()];
        for (int i = 0; i < values.length; i++) {
            int field = i + 2;
            double v = parseNumber(line, starts[field], ends[field], field + 1);
            values[i] = v == UciFormat.MISSING ? null : v;
        }
        return new AirQualityReading(station, timestamp, values);
    }

    /** Finds the 15 data fields; anything after them must be empty (the UCI file's trailing {@code ;;}). */
    private void split(String line) throws RowException {
        int field = 0;
        int start = 0;
        int n = line.length();
        for (int i = 0; i <= n; i++) {
            if (i == n || line.charAt(i) == UciFormat.SEPARATOR) {
                if (field < UciFormat.DATA_FIELDS) {
                    starts[field] = start;
                    ends[field] = i;
                } else if (i > start) {
                    throw new RowException(field + 1, "an extra value " + RowException.quote(line, start, i)
                            + " after the " + UciFormat.DATA_FIELDS + " data fields",
                            "only empty fields after AH (the file's trailing ;;)");
                }
                field++;
                start = i + 1;
            }
        }
        if (field < UciFormat.DATA_FIELDS) {
            throw new RowException(field + 1, field + " field" + (field == 1 ? "" : "s") + " (the row ends after "
                    + UciFormat.headerOf(field) + ")", UciFormat.DATA_FIELDS
                    + " fields separated by ';' (Date;Time;13 measurements)");
        }
    }

    private LocalDate cachedDate(String s, int from, int to) throws RowException {
        int day = to - from == 10 ? digits(s, from, 2) : -1;
        int month = day >= 0 ? digits(s, from + 3, 2) : -1;
        int year = month >= 0 ? digits(s, from + 6, 4) : -1;
        if (year >= 0 && s.charAt(from + 2) == '/' && s.charAt(from + 5) == '/') {
            int key = day * 1_000_000 + month * 10_000 + year;
            if (key == lastDateKey) {
                return lastDate;
            }
            LocalDate date = parseDate(s, from, to);
            lastDateKey = key;
            lastDate = date;
            return date;
        }
        return parseDate(s, from, to);
    }

    private static LocalDate parseDate(String s, int from, int to) throws RowException {
        if (to - from != 10 || s.charAt(from + 2) != '/' || s.charAt(from + 5) != '/') {
            throw new RowException(1, RowException.quote(s, from, to), "a date as dd/MM/yyyy such as 10/03/2004");
        }
        int day = digits(s, from, 2);
        int month = digits(s, from + 3, 2);
        int year = digits(s, from + 6, 4);
        if (day < 0 || month < 0 || year < 0) {
            throw new RowException(1, RowException.quote(s, from, to), "a date as dd/MM/yyyy such as 10/03/2004");
        }
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            throw new RowException(1, RowException.quote(s, from, to) + " (no such date)",
                    "a real date as dd/MM/yyyy such as 10/03/2004");
        }
    }

    /** Seconds since midnight. */
    private static int parseTime(String s, int from, int to) throws RowException {
        String expected = "a time as HH.mm.ss such as 18.00.00";
        if (to - from != 8 || s.charAt(from + 2) != '.' || s.charAt(from + 5) != '.') {
            throw new RowException(2, RowException.quote(s, from, to), expected);
        }
        int h = digits(s, from, 2);
        int m = digits(s, from + 3, 2);
        int sec = digits(s, from + 6, 2);
        if (h < 0 || m < 0 || sec < 0 || h > 23 || m > 59 || sec > 59) {
            throw new RowException(2, RowException.quote(s, from, to), expected + " (00.00.00 to 23.59.59)");
        }
        return h * 3600 + m * 60 + sec;
    }

    /** The value of {@code count} ASCII digits, or -1 if any is not a digit. */
    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** {@code -?digits(,digits)?}: the UCI notation, nothing else (no dot, no exponent, no blanks). */
    static double parseNumber(String s, int from, int to, int column) throws RowException {
        return DecimalNumber.parse(s, from, to, UciFormat.DECIMAL, column, NUMBER_EXPECTED);
    }

}
