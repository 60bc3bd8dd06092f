package io.aqstream.common.format;

import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.UserException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A CSV format described as data, in one {@code conf/formats/NAME.properties} file: how to split a line,
 * what "missing" looks like, how to build the timestamp, where the station comes from, each measurement
 * and the default topic. The keys are documented in docs/formats.md; the shipped files are examples.
 */
public final class FormatProfile {
    private static final Pattern FIELD_NAME = Pattern.compile("[a-z_][a-z0-9_]*");
    /** Names the message and Parquet contracts use for their own columns; a measurement may not take them. */
    private static final Set<String> RESERVED = Set.of("station", "timestamp", "kafka_partition", "kafka_offset");

    private final String name;
    private final Path source;
    private final String description;
    private final String topic;
    private final String credit;
    private final char separator;
    private final Character quote;
    private final char decimal;
    private final Double missingNumber;
    private final Set<String> missingText;
    private final boolean trailingEmptyIgnored;
    private final boolean exponentAllowed;
    private final List<String> columns;
    private final List<TimestampPart> timestamp;
    private final int stationColumn;
    private final List<FormatField> fields;

    private FormatProfile(String name, Path source, Properties p) {
        this.name = name;
        this.source = source;
        this.description = required(p, "description");
        this.topic = required(p, "topic");
        String c = p.getProperty("credit", "").strip();
        this.credit = c.isEmpty() ? null : c;
        this.separator = oneChar(p, "separator", required(p, "separator"));
        String q = p.getProperty("quote", "none").strip();
        this.quote = q.equals("none") ? null : oneChar(p, "quote", q);
        this.decimal = oneChar(p, "decimal", p.getProperty("decimal", ".").strip());
        String mn = p.getProperty("missing.number", "").strip();
        try {
            this.missingNumber = mn.isEmpty() ? null : Double.valueOf(mn.replace(decimal, '.'));
        } catch (NumberFormatException e) {
            throw bad("missing.number", "'" + mn + "' is not a number");
        }
        Set<String> texts = new HashSet<>();
        for (String t : p.getProperty("missing.text", "").split(",")) {
            if (!t.isBlank()) {
                texts.add(t.strip());
            }
        }
        this.missingText = Collections.unmodifiableSet(texts);
        String trailing = p.getProperty("trailing.empty.fields", "error").strip();
        if (!trailing.equals("error") && !trailing.equals("ignore")) {
            throw bad("trailing.empty.fields", "'" + trailing + "' is not 'error' or 'ignore'");
        }
        this.trailingEmptyIgnored = trailing.equals("ignore");
        String exponent = p.getProperty("number.exponent", "error").strip();
        if (!exponent.equals("error") && !exponent.equals("allowed")) {
            throw bad("number.exponent", "'" + exponent + "' is not 'error' or 'allowed'");
        }
        this.exponentAllowed = exponent.equals("allowed");
        this.columns = List.of(required(p, "columns").split(Pattern.quote(String.valueOf(separator)), -1));
        this.timestamp = timestampParts(p);
        this.stationColumn = stationColumn(p);
        this.fields = fields(p);
        checkUnknownKeys(p);
    }

    /**
     * Reads a format file.
     *
     * @param name the format's name: the file name without {@code .properties}
     * @throws UserException ({@link ExitCodes#BAD_INPUT}) naming the file, the key and the fix
     */
    public static FormatProfile load(String name, Path file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new UserException(ExitCodes.BAD_INPUT, file + ": cannot read this format file (" + e.getMessage()
                    + ").");
        }
        try {
            return new FormatProfile(name, file, p);
        } catch (IllegalArgumentException e) {
            throw new UserException(ExitCodes.BAD_INPUT, file + ": " + e.getMessage()
                    + ". The keys are described in docs/formats.md.");
        }
    }

    private List<TimestampPart> timestampParts(Properties p) {
        List<TimestampPart> parts = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            String pattern = p.getProperty("timestamp." + columns.get(i));
            if (pattern != null) {
                try {
                    parts.add(TimestampPart.of(columns.get(i), i, pattern.strip()));
                } catch (IllegalArgumentException e) {
                    throw bad("timestamp." + columns.get(i), "'" + pattern.strip() + "' is not a java.time pattern ("
                            + e.getMessage() + ")");
                }
            }
        }
        if (parts.isEmpty()) {
            throw bad("timestamp.COLUMN", "no column gives the timestamp; add e.g. timestamp."
                    + columns.get(0) + " = uuuu-MM-dd HH:mm");
        }
        return List.copyOf(parts);
    }

    private int stationColumn(Properties p) {
        String s = required(p, "station");
        if (s.equals("file")) {
            return -1;
        }
        if (s.startsWith("column ")) {
            String column = s.substring("column ".length()).strip();
            int i = columns.indexOf(column);
            if (i < 0) {
                throw bad("station", "column '" + column + "' is not in 'columns'");
            }
            return i;
        }
        throw bad("station", "'" + s + "' is neither 'file' nor 'column NAME'");
    }

    private List<FormatField> fields(Properties p) {
        List<FormatField> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < columns.size(); i++) {
            String key = "field." + columns.get(i);
            String spec = p.getProperty(key);
            if (spec == null) {
                continue;
            }
            String[] parts = spec.strip().split("\\s+", 3);
            if (parts.length < 2) {
                throw bad(key, "expected 'field_name number|text unit', found '" + spec.strip() + "'");
            }
            String field = parts[0];
            if (!FIELD_NAME.matcher(field).matches() || RESERVED.contains(field) || !names.add(field)) {
                throw bad(key, "'" + field + "' must be a new snake_case name ([a-z_][a-z0-9_]*), not "
                        + RESERVED + " or a name used twice");
            }
            FormatField.Type type;
            if (parts[1].equals("number")) {
                type = FormatField.Type.NUMBER;
            } else if (parts[1].equals("text")) {
                type = FormatField.Type.TEXT;
            } else {
                throw bad(key, "type '" + parts[1] + "' is not 'number' or 'text'");
            }
            out.add(new FormatField(columns.get(i), i, field, type, parts.length > 2 ? parts[2] : "",
                    p.getProperty("about." + columns.get(i), "").strip()));
        }
        if (out.isEmpty()) {
            throw bad("field.COLUMN", "no measurement; add e.g. field." + columns.get(columns.size() - 1)
                    + " = my_value number unit");
        }
        return List.copyOf(out);
    }

    private void checkUnknownKeys(Properties p) {
        Set<String> known = Set.of("description", "topic", "credit", "separator", "quote", "decimal", "missing.number",
                "missing.text", "trailing.empty.fields", "number.exponent", "columns", "station");
        for (String key : p.stringPropertyNames()) {
            boolean ok = known.contains(key)
                    || key.startsWith("timestamp.") && columns.contains(key.substring("timestamp.".length()))
                    || key.startsWith("field.") && columns.contains(key.substring("field.".length()))
                    || key.startsWith("about.") && columns.contains(key.substring("about.".length()));
            if (!ok) {
                throw bad(key, "unknown key (a typo, or a column missing from 'columns'?)");
            }
        }
    }

    private static String required(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw bad(key, "missing; it is required");
        }
        return v.strip();
    }

    private static char oneChar(Properties p, String key, String v) {
        if (v.length() != 1) {
            throw bad(key, "'" + v + "' must be one character");
        }
        return v.charAt(0);
    }

    private static IllegalArgumentException bad(String key, String problem) {
        return new IllegalArgumentException("key '" + key + "': " + problem);
    }

    /** The file name without {@code .properties}: what {@code --format} takes. */
    public String name() {
        return name;
    }

    public Path source() {
        return source;
    }

    public String description() {
        return description;
    }

    /** The topic {@code bin/produce} writes to when no {@code --topic} is given. */
    public String topic() {
        return topic;
    }

    /**
     * The credit line of the data set this format was written for (its licence, e.g. CC BY 4.0, asks reports
     * built on it to name it), when the format file gives one.
     */
    public java.util.Optional<String> credit() {
        return java.util.Optional.ofNullable(credit);
    }

    public char separator() {
        return separator;
    }

    /** The quote character, or {@code null} when fields are never quoted. */
    public Character quote() {
        return quote;
    }

    public char decimal() {
        return decimal;
    }

    /** A number that means "missing", compared numerically (UCI's -200 and -200,0), or {@code null}. */
    public Double missingNumber() {
        return missingNumber;
    }

    /** Tokens that mean "missing" in any column (Beijing's {@code NA}). */
    public Set<String> missingText() {
        return missingText;
    }

    /** True when empty fields after the last column are allowed (UCI lines end with {@code ;;}). */
    public boolean trailingEmptyIgnored() {
        return trailingEmptyIgnored;
    }

    /** True when numbers may have an exponent ({@code -2.77555756156289e-17}); else that is an error. */
    public boolean exponentAllowed() {
        return exponentAllowed;
    }

    /** The header's field names, in order. */
    public List<String> columns() {
        return columns;
    }

    /** The header line as the format writes it (unquoted). */
    public String headerLine() {
        return String.join(String.valueOf(separator), columns);
    }

    public List<TimestampPart> timestamp() {
        return timestamp;
    }

    /** 0-based index of the station column, or -1 when the station is the file name. */
    public int stationColumn() {
        return stationColumn;
    }

    /** The measurements, in column order: the order of the JSON fields and Parquet columns. */
    public List<FormatField> fields() {
        return fields;
    }

    /** The column name of a 1-based column number, or {@code (extra field N)} past the header. */
    public String columnName(int column) {
        return column >= 1 && column <= columns.size() ? columns.get(column - 1) : "(extra field " + column + ")";
    }

    @Override
    public String toString() {
        return name;
    }
}
