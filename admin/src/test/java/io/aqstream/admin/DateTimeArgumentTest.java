package io.aqstream.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.UserException;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class DateTimeArgumentTest {
    private static final ZoneId ROME = ZoneId.of("Europe/Rome");

    @Test
    void acceptsOffsetsZuluLocalTimesAndDates() {
        assertEquals(Instant.parse("2026-11-23T13:30:00Z"), DateTimeArgument.parse("--to-datetime", "2026-11-23T13:30:00Z", ROME));
        assertEquals(Instant.parse("2026-11-23T13:30:00Z"), DateTimeArgument.parse("--to-datetime", "2026-11-23T14:30:00+01:00", ROME));
        assertEquals(Instant.parse("2026-11-23T13:30:00Z"), DateTimeArgument.parse("--to-datetime", "2026-11-23T14:30", ROME));
        assertEquals(Instant.parse("2026-11-22T23:00:00Z"), DateTimeArgument.parse("--to-datetime", "2026-11-23", ROME));
    }

    @Test
    void rejectsOtherFormatsWithExamples() {
        UserException e = assertThrows(UserException.class, () -> DateTimeArgument.parse("--to-datetime", "23/11/2026", ROME));
        assertEquals(ExitCodes.USAGE, e.exitCode());
        assertTrue(e.getMessage().startsWith("--to-datetime '23/11/2026' is not an ISO-8601 date-time. Examples:"), e.getMessage());
    }
}
