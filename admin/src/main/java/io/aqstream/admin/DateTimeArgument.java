package io.aqstream.admin;

import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.UserException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * Parses the {@code --to-datetime} value the way Kafka's reset tool does: ISO-8601 with an offset or
 * {@code Z}, or a local date-time (or date) read in this machine's time zone.
 */
final class DateTimeArgument {
    private DateTimeArgument() {
    }

    static Instant parse(String option, String text, ZoneId localZone) {
        String value = text.strip();
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeException notOffset) {
            // fall through to the local forms
        }
        try {
            return LocalDateTime.parse(value).atZone(localZone).toInstant();
        } catch (DateTimeException notLocal) {
            // fall through
        }
        try {
            return LocalDate.parse(value).atStartOfDay(localZone).toInstant();
        } catch (DateTimeException notDate) {
            throw new UserException(ExitCodes.USAGE, option + " '" + text + "' is not an ISO-8601 date-time. Examples:"
                    + " 2026-11-23T14:30:00 (this machine's time zone), 2026-11-23T13:30:00Z, 2026-11-23T14:30:00+01:00, 2026-11-23.");
        }
    }
}
