package io.aqstream.producer;

import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine;

/** Durations on the command line as people write them: {@code 30s}, {@code 2m}, {@code 500ms}, {@code 1h}, or plain seconds. */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        try {
            if (v.endsWith("ms")) {
                return check(Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2))), value);
            }
            if (v.endsWith("s")) {
                return check(Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1))), value);
            }
            if (v.endsWith("m")) {
                return check(Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1))), value);
            }
            if (v.endsWith("h")) {
                return check(Duration.ofHours(Long.parseLong(v.substring(0, v.length() - 1))), value);
            }
            return check(Duration.ofSeconds(Long.parseLong(v)), value);
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a duration: use e.g. 30s, 2m, 500ms");
        }
    }

    private static Duration check(Duration d, String value) {
        if (d.isNegative()) {
            throw new CommandLine.TypeConversionException("'" + value + "' is negative; give a duration such as 30s");
        }
        return d;
    }
}
