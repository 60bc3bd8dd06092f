package io.aqstream.common.format;

import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;

/**
 * One column that holds part of the timestamp, read with a {@code java.time} pattern: {@code Date} as
 * {@code dd/MM/uuuu}, or {@code hour} as {@code H}. The parts of a format together give the local time.
 *
 * @param index 0-based position of {@code column} in the header
 */
public record TimestampPart(String column, int index, String pattern, DateTimeFormatter formatter) {
    static TimestampPart of(String column, int index, String pattern) {
        // STRICT: 31/02/2004 or hour 24 is an error, not silently moved to the next day.
        return new TimestampPart(column, index, pattern,
                DateTimeFormatter.ofPattern(pattern).withResolverStyle(ResolverStyle.STRICT));
    }
}
