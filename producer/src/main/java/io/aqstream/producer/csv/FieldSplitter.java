package io.aqstream.producer.csv;

import io.aqstream.common.format.FormatProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Splits one physical line into its fields with commons-csv, by the format's separator and quote: a quoted
 * field may hold the separator ({@code "Haidian, north"}) and doubled quotes. Lines are cut by
 * {@link LineReader}, so a quote left open at the end of the line is an error naming its column.
 */
public final class FieldSplitter {
    private static final String[] NONE = new String[0];
    private final CSVFormat format;
    private final char separator;
    private final Character quote;

    public FieldSplitter(FormatProfile profile) {
        this.separator = profile.separator();
        this.quote = profile.quote();
        // Nothing lenient: no trimming, no comments, no escapes; what is not the format is an error.
        this.format = CSVFormat.DEFAULT.builder()
                .setDelimiter(separator)
                .setQuote(quote)
                .setRecordSeparator("\n")
                .setIgnoreEmptyLines(false)
                .setIgnoreSurroundingSpaces(false)
                .setTrim(false)
                .setCommentMarker(null)
                .setEscape(null)
                .get();
    }

    /** The fields of a line; an empty line has none. */
    public String[] split(String line) throws RowException {
        if (line.isEmpty()) {
            return NONE;
        }
        String[] plain = splitPlain(line);
        if (plain != null) {
            return plain;
        }
        try (CSVParser parser = CSVParser.parse(line, format)) {
            List<CSVRecord> records = parser.getRecords();
            if (records.size() != 1) {
                // Only a quote can make commons-csv see a second record in one physical line.
                throw problem(line);
            }
            return records.get(0).values();
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw problem(line);
        }
    }

    /**
     * A line without a quote or a line break (nearly every line of a data file) split on the separator
     * alone, as commons-csv splits it (empty fields kept, nothing trimmed), without its parser: a new
     * CSVParser per line, with its reader and buffers, was the replay's largest cost (bench/producer's
     * profile in docs/benchmarks.md). {@code null} for any other line, which goes to commons-csv.
     */
    private String[] splitPlain(String line) {
        int fields = 1;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == separator) {
                fields++;
            } else if ((quote != null && c == quote) || c == '\r' || c == '\n') {
                return null;
            }
        }
        String[] out = new String[fields];
        int start = 0;
        for (int f = 0; f < fields - 1; f++) {
            int end = line.indexOf(separator, start);
            out[f] = line.substring(start, end);
            start = end + 1;
        }
        out[fields - 1] = line.substring(start);
        return out;
    }

    /** Finds the field with the broken quoting, for a message naming its column. */
    private RowException problem(String line) {
        int field = 1;
        int fieldStart = 0;
        boolean inQuote = false;
        int openedAt = -1;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (inQuote) {
                if (c == quote) {
                    if (i + 1 < line.length() && line.charAt(i + 1) == quote) {
                        i++;
                    } else {
                        inQuote = false;
                        if (i + 1 < line.length() && line.charAt(i + 1) != separator) {
                            return new RowException(field, RowException.quote(line, fieldStart, Math.min(line.length(),
                                    i + 2)) + " (text after the closing quote)",
                                    "a quoted field to end at its closing " + quote + " (double a quote inside it: "
                                            + quote + quote + ")");
                        }
                    }
                }
            } else if (c == separator) {
                field++;
                fieldStart = i + 1;
            } else if (quote != null && c == quote) {
                if (i != fieldStart) {
                    return new RowException(field, RowException.quote(line, fieldStart, Math.min(line.length(), i + 1))
                            + " (a quote inside an unquoted field)",
                            "a field either quoted as a whole or without " + quote);
                }
                if (oddQuotesFrom(line, i)) {
                    // No closing quote pairs with this one: reading on would only misplace the error.
                    return unterminated(line, field, i);
                }
                inQuote = true;
                openedAt = i;
            }
        }
        if (inQuote) {
            return unterminated(line, field, openedAt);
        }
        return new RowException(field, "quoting commons-csv cannot read", "fields quoted with " + quote);
    }

    private RowException unterminated(String line, int field, int openedAt) {
        return new RowException(field, RowException.quote(line, openedAt, line.length())
                + " (an unterminated quote: the line ends inside it)", "a closing " + quote
                + " before the end of the line");
    }

    private boolean oddQuotesFrom(String line, int from) {
        int n = 0;
        for (int i = from; i < line.length(); i++) {
            if (line.charAt(i) == quote) {
                n++;
            }
        }
        return (n & 1) == 1;
    }
}
