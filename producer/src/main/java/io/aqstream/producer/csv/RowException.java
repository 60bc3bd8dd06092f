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

    public RowException(int column, String found, String expected) {
        super(null, null, false, false);
        this.column = column;
        this.found = found;
        this.expected = expected;
    }

    public int column() {
        return column;
    }

    /** The CSV header of the column, e.g. {@code CO(GT)}. */
    public String field() {
        return UciFormat.headerOf(column);
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
