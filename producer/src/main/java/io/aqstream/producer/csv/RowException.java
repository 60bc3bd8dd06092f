package io.aqstream.producer.csv;

/**
 * A CSV row that is not in the UCI format: which column (1-based field number), which field (the
 * CSV header), what was found and what was expected. The location (file:line) is added by the caller,
 * which knows it; {@link #describe(String, long)} builds the full one-line message.
 */
public final class RowException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int column;
    private final String found;
    private final String expected;
    /** The column's header name; {@code null} means the UCI header's (see {@link UciFormat#headerOf}). */
    private final String field;

    public RowException(int column, String found, String expected) {
        this(column, found, expected, null);
    }

    private RowException(int column, String found, String expected, String field) {
        super(null, null, false, false);
        this.column = column;
        this.found = found;
        this.expected = expected;
        this.field = field;
    }

    /** The same problem, naming the column by its header in the file's format. */
    public RowException named(String fieldName) {
        return new RowException(column, found, expected, fieldName);
    }

    public int column() {
        return column;
    }

    /** The CSV header of the column, e.g. {@code CO(GT)}. */
    public String field() {
        return field != null ? field : UciFormat.headerOf(column);
    }

    /** One sentence without location, for the dead-letter header {@code aq.error.reason}. */
    public String reason() {
        return "field " + field() + ": found " + found + ", expected " + expected;
    }

    /** {@code file:line:column: field X: found ..., expected ...}. */
    public String describe(String file, long line) {
        return file + ":" + line + ":" + column + ": " + reason();
    }

    @Override
    public String getMessage() {
        return "column " + column + ": " + reason();
    }

    /** A cell for a message: quoted, shortened if long, "nothing" if empty. */
    static String quote(CharSequence s, int from, int to) {
        if (from >= to) {
            return "an empty field";
        }
        int max = 40;
        String text = s.subSequence(from, Math.min(to, from + max)).toString();
        return "\"" + text + (to - from > max ? "...\"" : "\"");
    }
}
