package io.aqstream.common.format;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The messages' timestamp text, ISO-8601 local date-time ({@link DateTimeFormatter#ISO_LOCAL_DATE_TIME}),
 * written and read without the formatter in the usual case: {@code yyyy-MM-ddTHH:mm:ss}, which every hourly
 * reading has. The formatter's parse and format were 5 to 8% of bin/consume's time (a profile of 200,000
 * rows); any other text (fractions, no seconds, a year past 9999, an invalid date) goes to the formatter, so
 * what is accepted, what is written and the errors are exactly the formatter's.
 */
final class LocalTimestamps {
    static final DateTimeFormatter ISO = DateTimeFormatter.ISO_LOCAL_DATE_TIME;
    private static final int LENGTH = 19;

    private LocalTimestamps() {
    }

    static String format(LocalDateTime t) {
        int year = t.getYear();
        if (t.getNano() != 0 || year < 0 || year > 9999) {
            return ISO.format(t);
        }
        char[] c = new char[LENGTH];
        digits(c, 0, year, 4);
        c[4] = '-';
        digits(c, 5, t.getMonthValue(), 2);
        c[7] = '-';
        digits(c, 8, t.getDayOfMonth(), 2);
        c[10] = 'T';
        digits(c, 11, t.getHour(), 2);
        c[13] = ':';
        digits(c, 14, t.getMinute(), 2);
        c[16] = ':';
        digits(c, 17, t.getSecond(), 2);
        return new String(c);
    }

    /** @throws java.time.format.DateTimeParseException as {@link #ISO} throws it */
    static LocalDateTime parse(String text) {
        if (text.length() == LENGTH && text.charAt(4) == '-' && text.charAt(7) == '-' && text.charAt(10) == 'T'
                && text.charAt(13) == ':' && text.charAt(16) == ':') {
            int year = number(text, 0, 4);
            int month = number(text, 5, 2);
            int day = number(text, 8, 2);
            int hour = number(text, 11, 2);
            int minute = number(text, 14, 2);
            int second = number(text, 17, 2);
            if ((year | month | day | hour | minute | second) >= 0) {
                try {
                    return LocalDateTime.of(year, month, day, hour, minute, second);
                } catch (DateTimeException invalid) {
                    // e.g. 2004-02-30: the formatter gives the error, in its words
                }
            }
        }
        return LocalDateTime.parse(text, ISO);
    }

    private static void digits(char[] c, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** The decimal number of ASCII digits text[at, at+width), or -1 if any is not one. */
    private static int number(String text, int at, int width) {
        int n = 0;
        for (int i = at; i < at + width; i++) {
            char ch = text.charAt(i);
            if (ch < '0' || ch > '9') {
                return -1;
            }
            n = n * 10 + (ch - '0');
        }
        return n;
    }
}
