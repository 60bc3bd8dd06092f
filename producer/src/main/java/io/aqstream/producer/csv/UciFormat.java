package io.aqstream.producer.csv;

import io.aqstream.common.Measurement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The UCI "Air Quality" CSV format, as written in the original file: {@code ;} separators, no quoting,
 * decimal commas, {@code -200} (or {@code -200,0}) for a missing value, dates {@code dd/MM/yyyy},
 * times {@code HH.mm.ss}, and two empty trailing fields on every line.
 */
public final class UciFormat {
    public static final char SEPARATOR = ';';
    public static final char DECIMAL = ',';
    /** The value the UCI file uses for "missing", compared numerically ({@code -200} and {@code -200,0}). */
    public static final double MISSING = -200;
    /** Date and Time, then the 13 measurements. */
    public static final List<String> HEADER;
    /** Fields of a data row that carry data; more fields are allowed only when empty (the trailing {@code ;;}). */
    public static final int DATA_FIELDS;
    /** The header line as the UCI file writes it, trailing {@code ;;} included. */
    public static final String HEADER_LINE;

    static {
        List<String> header = new ArrayList<>();
        header.add("Date");
        header.add("Time");
        for (Measurement m : Measurement.ALL) {
            header.add(m.csvHeader());
        }
        HEADER = Collections.unmodifiableList(header);
        DATA_FIELDS = header.size();
        HEADER_LINE = String.join(";", header) + ";;";
    }

    private UciFormat() {
    }

    /** The CSV header of a 1-based column, or {@code "(extra field)"} past the known ones. */
    public static String headerOf(int column) {
        return column >= 1 && column <= HEADER.size() ? HEADER.get(column - 1) : "(extra field " + column + ")";
    }

    /** True for a line with no data at all: empty, blanks, or only separators (the real file ends with 114 of them). */
    public static boolean isEmptyRow(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c != SEPARATOR && c != ' ' && c != '\t') {
                return false;
            }
        }
        return true;
    }
}
