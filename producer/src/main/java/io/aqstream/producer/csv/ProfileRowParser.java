package io.aqstream.producer.csv;

import io.aqstream.common.format.FormatField;
import io.aqstream.common.format.FormatProfile;
import io.aqstream.common.format.FormatRow;
import io.aqstream.common.format.TimestampPart;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns one data line of any {@link FormatProfile format} into a {@link FormatRow}, strictly: every value
 * must be in the format's own notation, so a file from another tool or locale is reported row by row
 * (file:line:column, field, what was found, what was expected) instead of being silently misread.
 */
public final class ProfileRowParser {
    private static final ChronoField[] TIME_FIELDS = {ChronoField.YEAR, ChronoField.MONTH_OF_YEAR,
        ChronoField.DAY_OF_MONTH, ChronoField.HOUR_OF_DAY, ChronoField.MINUTE_OF_HOUR, ChronoField.SECOND_OF_MINUTE};
    /** The moment every format's example is written at, in messages ("such as 10/03/2004"). */
    private static final LocalDateTime EXAMPLE = LocalDateTime.of(2004, 3, 10, 18, 0, 0);

    private final FormatProfile profile;
    private final FieldSplitter splitter;
    private final String fileStation;
    private final List<FormatField> fields;
    private final List<TimestampPart> parts;
    private final Set<String> missingText;
    /**
     * The shortest and longest missing text: a cell of another length is not one, without hashing it. Why:
     * the set's lookup (a hash of every new cell) was about 3% of bin/produce's samples, for a set that is
     * empty (UCI) or holds "NA" (Beijing).
     */
    private final int missingMinLength;
    private final int missingMaxLength;
    private final Double missingNumber;
    private final String numberExpected;
    /**
     * At most this many texts per timestamp part are remembered with their values. Why: parts repeat (24 rows in
     * a row share a date, and an hourly time column has 24 values), and {@code DateTimeFormatter.parse} was the
     * largest cost of parsing a row (about 10% of bin/produce's samples at --batch-size 10000).
     */
    private static final int PART_CACHE_SIZE = 1024;

    /** Per timestamp part, texts already parsed and their values; emptied when full, so memory stays flat. */
    private final List<Map<String, int[]>> partCache;
    /**
     * Per timestamp part, the last text and its values: consecutive rows mostly share a date (24 hourly rows),
     * and comparing with the last text is cheaper than hashing it for the cache.
     */
    private final String[] lastPartText;
    private final int[][] lastPartValue;

    /** @param fileStation the station when the format takes it from the file name (or --station) */
    public ProfileRowParser(FormatProfile profile, String fileStation) {
        this.profile = profile;
        this.splitter = new FieldSplitter(profile);
        this.fileStation = fileStation;
        this.fields = profile.fields();
        this.parts = profile.timestamp();
        this.missingText = profile.missingText();
        this.missingNumber = profile.missingNumber();
        int min = Integer.MAX_VALUE;
        int max = -1;
        for (String m : missingText) {
            min = Math.min(min, m.length());
            max = Math.max(max, m.length());
        }
        this.missingMinLength = min;
        this.missingMaxLength = max;
        this.lastPartText = new String[parts.size()];
        this.lastPartValue = new int[parts.size()][];
        this.partCache = new ArrayList<>();
        for (int p = 0; p < parts.size(); p++) {
            partCache.add(new HashMap<>());
        }
        StringBuilder e = new StringBuilder("a number with a decimal ").append(DecimalNumber.nameOf(profile.decimal()))
                .append(" such as 2").append(profile.decimal()).append("6 or 1360");
        String missing = missingNumber != null ? plain(missingNumber)
                : missingText.isEmpty() ? null : String.join(" or ", missingText);
        if (missing != null) {
            e.append(" (").append(missing).append(" for a missing value)");
        }
        this.numberExpected = e.toString();
    }

    /**
     * @param line one physical line after the header, without its line end
     * @return the row, or {@code null} for a line with no data (empty, blanks, or only separators)
     * @throws RowException naming the first field that is not in the format
     */
    public FormatRow parse(String line) throws RowException {
        String[] cells;
        try {
            cells = splitter.split(line);
        } catch (RowException e) {
            throw e.named(profile.columnName(e.column()));
        }
        if (isEmpty(cells)) {
            return null;
        }
        try {
            checkCount(cells);
            LocalDateTime timestamp = timestamp(cells);
            String station = station(cells);
            Object[] values = new Object[fields.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = value(fields.get(i), cells[fields.get(i).index()]);
            }
            return new FormatRow(station, timestamp, values);
        } catch (RowException e) {
            throw e.named(profile.columnName(e.column()));
        }
    }

    private static boolean isEmpty(String[] cells) {
        for (String c : cells) {
            if (!c.isBlank()) {
                return false;
            }
        }
        return true;
    }

    private void checkCount(String[] cells) throws RowException {
        int expected = profile.columns().size();
        String sep = String.valueOf(profile.separator());
        for (int i = expected; i < cells.length; i++) {
            if (!profile.trailingEmptyIgnored() || !cells[i].isEmpty()) {
                throw new RowException(i + 1, "an extra value " + RowException.quote(cells[i], 0, cells[i].length())
                        + " after the " + expected + " fields", profile.trailingEmptyIgnored()
                        ? "only empty fields after " + profile.columnName(expected)
                        : expected + " fields separated by '" + sep + "'");
            }
        }
        if (cells.length < expected) {
            int n = cells.length;
            throw new RowException(n + 1, n + " field" + (n == 1 ? "" : "s") + " (the row ends after "
                    + profile.columnName(n) + ")", expected + " fields separated by '" + sep + "' ("
                    + shorten(profile.headerLine(), 60) + ")");
        }
    }

    private LocalDateTime timestamp(String[] cells) throws RowException {
        int[] t = {-1, -1, -1, 0, 0, 0};
        for (int p = 0; p < parts.size(); p++) {
            TimestampPart part = parts.get(p);
            String text = cells[part.index()];
            int[] v;
            if (text.equals(lastPartText[p])) {
                v = lastPartValue[p];
            } else {
                Map<String, int[]> cache = partCache.get(p);
                v = cache.get(text);
                if (v == null) {
                    v = parsePart(part, text); // a text that does not parse throws and is never cached
                    if (cache.size() >= PART_CACHE_SIZE) {
                        cache.clear();
                    }
                    cache.put(text, v);
                }
                lastPartText[p] = text;
                lastPartValue[p] = v;
            }
            for (int f = 0; f < t.length; f++) {
                if (v[f] >= 0) {
                    t[f] = v[f];
                }
            }
        }
        TimestampPart last = parts.get(parts.size() - 1);
        if (t[0] < 0 || t[1] < 0 || t[2] < 0) {
            throw new RowException(last.index() + 1, "no complete date in the timestamp columns",
                    "year, month and day from the format's timestamp.* patterns");
        }
        try {
            return LocalDateTime.of(t[0], t[1], t[2], t[3], t[4], t[5]);
        } catch (DateTimeException e) {
            throw new RowException(last.index() + 1, "no such date or time (" + t[0] + "-" + t[1] + "-" + t[2] + " "
                    + t[3] + ":" + t[4] + ":" + t[5] + ")", "a real date and time");
        }
    }

    /** The time fields one column gives, -1 for those it does not. */
    private static int[] parsePart(TimestampPart part, String text) throws RowException {
        TemporalAccessor a;
        try {
            a = part.formatter().parse(text);
        } catch (DateTimeParseException e) {
            throw new RowException(part.index() + 1, RowException.quote(text, 0, text.length()),
                    "a value as " + part.pattern() + " such as " + part.formatter().format(EXAMPLE));
        }
        int[] v = new int[TIME_FIELDS.length];
        for (int f = 0; f < v.length; f++) {
            v[f] = a.isSupported(TIME_FIELDS[f]) ? a.get(TIME_FIELDS[f]) : -1;
        }
        return v;
    }

    private String station(String[] cells) throws RowException {
        int column = profile.stationColumn();
        if (column < 0) {
            return fileStation;
        }
        String s = cells[column];
        if (s.isBlank() || isMissing(s)) {
            throw new RowException(column + 1, s.isBlank() ? "an empty station" : s + " (missing)",
                    "the station's name: every row needs one (it is the message key)");
        }
        return s;
    }

    private boolean isMissing(String cell) {
        int n = cell.length();
        return n >= missingMinLength && n <= missingMaxLength && missingText.contains(cell);
    }

    private Object value(FormatField field, String cell) throws RowException {
        if (isMissing(cell)) {
            return null;
        }
        if (field.type() == FormatField.Type.TEXT) {
            if (cell.isEmpty()) {
                throw new RowException(field.index() + 1, "an empty field", "a text"
                        + (missingText.isEmpty() ? "" : " or " + String.join(" or ", missingText) + " for missing"));
            }
            return cell;
        }
        double v = DecimalNumber.parse(cell, 0, cell.length(), profile.decimal(), profile.exponentAllowed(),
                field.index() + 1, numberExpected);
        return missingNumber != null && v == missingNumber ? null : v;
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }
}
