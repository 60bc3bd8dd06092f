package io.aqstream.producer.csv;

import java.util.ArrayList;
import java.util.List;

/** Checks that the first line of a file is the UCI header, and explains what it is instead when not. */
public final class HeaderCheck {
    private HeaderCheck() {
    }

    /**
     * @param line the first line, byte-order mark already removed
     * @return {@code null} when it is the UCI header (trailing empty fields allowed), else the problem in
     *     one sentence, naming what was found and what is expected
     */
    public static String problem(String line) {
        List<String> fields = new ArrayList<>(List.of(line.split(";", -1)));
        while (!fields.isEmpty() && fields.get(fields.size() - 1).isBlank()) {
            fields.remove(fields.size() - 1);
        }
        if (fields.equals(UciFormat.HEADER)) {
            return null;
        }
        String expected = "expected the UCI Air Quality header " + shorten(UciFormat.HEADER_LINE, 200);
        String found = "found \"" + shorten(line, 120) + "\"";
        if (fields.size() <= 1 && (line.indexOf(',') >= 0 || line.indexOf('\t') >= 0)) {
            String sep = line.indexOf('\t') >= 0 && line.indexOf(',') < 0 ? "tab" : "comma";
            return "1:1: the header is " + sep + "-separated (" + found + "), " + expected
                    + " with ';' separators. This looks like a re-exported copy; use the original UCI file"
                    + " (';' separators, decimal commas).";
        }
        if (!fields.isEmpty() && fields.get(0).matches("\\d{1,2}/\\d{1,2}/\\d{4}")) {
            return "1:1: the file has no header line: the first line is a data row (" + found + "); " + expected
                    + " as its first line.";
        }
        for (int i = 0; i < UciFormat.HEADER.size(); i++) {
            String f = i < fields.size() ? fields.get(i).strip() : null;
            if (f == null) {
                return "1:" + (i + 1) + ": the header stops after " + i + " field" + (i == 1 ? "" : "s") + " ("
                        + found + "); " + expected + ".";
            }
            if (!f.equals(UciFormat.HEADER.get(i))) {
                return "1:" + (i + 1) + ": header field " + (i + 1) + " is \"" + shorten(fields.get(i), 40)
                        + "\", expected \"" + UciFormat.HEADER.get(i) + "\"; the whole header must be "
                        + shorten(UciFormat.HEADER_LINE, 200) + ".";
            }
        }
        // Spaces around names (tolerated above) or extra non-empty fields after AH.
        if (fields.size() > UciFormat.HEADER.size()) {
            return "1:" + (UciFormat.HEADER.size() + 1) + ": the header has extra field \""
                    + shorten(fields.get(UciFormat.HEADER.size()), 40) + "\" after AH; " + expected + ".";
        }
        return "1:1: the header has blanks around its field names (" + found + "); " + expected + ".";
    }

    static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }
}
