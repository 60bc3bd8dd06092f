package io.aqstream.producer.csv;

import io.aqstream.common.format.FormatProfile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Checks that the first line of a file is a format's header, and explains what it is instead when not. */
public final class HeaderCheck {
    private HeaderCheck() {
    }

    /**
     * @param line the first line, byte-order mark already removed
     * @return {@code null} when it is the format's header (quoted or not; trailing empty fields allowed when
     *     the format allows them), else the problem as {@code LINE:COLUMN: sentence}, naming what was found
     *     and what is expected
     */
    public static String problem(FormatProfile format, String line) {
        List<String> fields = fields(format, line);
        List<String> header = format.columns();
        if (fields.equals(header)) {
            return null;
        }
        String headerLine = format.headerLine();
        char sep = format.separator();
        String expected = "expected the " + format.name() + " header " + shorten(headerLine, 200);
        String found = "found \"" + shorten(line, 120) + "\"";
        String otherSep = otherSeparator(line, sep);
        if (fields.size() <= 1 && otherSep != null) {
            return "1:1: the header is " + otherSep + "-separated (" + found + "), " + expected + " with '" + sep
                    + "' separators. This looks like a re-exported copy; use the original file, or describe this"
                    + " layout in a format file (docs/formats.md).";
        }
        if (isDataRow(format, line)) {
            return "1:1: the file has no header line: the first line is a data row (" + found + "); " + expected
                    + " as its first line.";
        }
        for (int i = 0; i < header.size(); i++) {
            String f = i < fields.size() ? fields.get(i).strip() : null;
            if (f == null) {
                return "1:" + (i + 1) + ": the header stops after " + i + " field" + (i == 1 ? "" : "s") + " ("
                        + found + "); " + expected + ".";
            }
            if (!f.equals(header.get(i))) {
                return "1:" + (i + 1) + ": header field " + (i + 1) + " is \"" + shorten(fields.get(i), 40)
                        + "\", expected \"" + header.get(i) + "\"; the whole header must be "
                        + shorten(headerLine, 200) + ".";
            }
        }
        // Spaces around names (tolerated above) or extra non-empty fields after the last column.
        if (fields.size() > header.size()) {
            return "1:" + (header.size() + 1) + ": the header has extra field \""
                    + shorten(fields.get(header.size()), 40) + "\" after " + header.get(header.size() - 1) + "; "
                    + expected + ".";
        }
        return "1:1: the header has blanks around its field names (" + found + "); " + expected + ".";
    }

    /** The header's fields as the format reads them (unquoted); trailing empty ones dropped where allowed. */
    static List<String> fields(FormatProfile format, String line) {
        List<String> fields;
        try {
            fields = new ArrayList<>(Arrays.asList(new FieldSplitter(format).split(line)));
        } catch (RowException e) {
            fields = new ArrayList<>(List.of(line));
        }
        while (format.trailingEmptyIgnored() && !fields.isEmpty() && fields.get(fields.size() - 1).isBlank()) {
            fields.remove(fields.size() - 1);
        }
        return fields;
    }

    static boolean isDataRow(FormatProfile format, String line) {
        try {
            return new ProfileRowParser(format, "station").parse(line) != null;
        } catch (RowException e) {
            return false;
        }
    }

    private static String otherSeparator(String line, char sep) {
        if (sep != '\t' && line.indexOf('\t') >= 0 && line.indexOf(',') < 0 && line.indexOf(';') < 0) {
            return "tab";
        }
        if (sep != ',' && line.indexOf(',') >= 0) {
            return "comma";
        }
        if (sep != ';' && line.indexOf(';') >= 0) {
            return "semicolon";
        }
        return null;
    }

    static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }
}
