package io.aqstream.common.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast path writes and reads exactly what ISO_LOCAL_DATE_TIME does, and fails where it fails. */
class LocalTimestampsTest {
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_LOCAL_DATE_TIME;

    @Test
    void formatsAsTheFormatter() {
        Random random = new Random(7);
        List<LocalDateTime> edges = List.of(LocalDateTime.of(2004, 3, 10, 18, 0), LocalDateTime.of(0, 1, 1, 0, 0),
                LocalDateTime.of(9999, 12, 31, 23, 59, 59), LocalDateTime.of(10000, 1, 1, 0, 0),
                LocalDateTime.of(-1, 1, 1, 0, 0), LocalDateTime.of(2004, 3, 10, 18, 0, 0, 500_000_000),
                LocalDateTime.of(2016, 2, 29, 7, 5, 9));
        for (LocalDateTime t : edges) {
            assertEquals(ISO.format(t), LocalTimestamps.format(t));
        }
        for (int i = 0; i < 100_000; i++) {
            LocalDateTime t = LocalDateTime.of(random.nextInt(3000), 1 + random.nextInt(12), 1 + random.nextInt(28),
                    random.nextInt(24), random.nextInt(60), random.nextInt(60));
            assertEquals(ISO.format(t), LocalTimestamps.format(t));
        }
    }

    @Test
    void readsAsTheFormatter() {
        for (String text : List.of("2004-03-10T18:00:00", "2004-03-10T18:00", "2004-03-10T18:00:00.5", "0000-01-01T00:00:00",
                "2016-02-29T23:59:59", "+10000-01-01T00:00:00")) {
            assertEquals(LocalDateTime.parse(text, ISO), LocalTimestamps.parse(text), text);
        }
    }

    @Test
    void failsWhereTheFormatterFailsWithItsMessage() {
        for (String text : List.of("2004-02-30T18:00:00", "2004-13-10T18:00:00", "2004-03-10T24:00:00", "2004-03-10 18:00:00",
                "2004-03-1xT18:00:00", "10/03/2004 18.00.00", "", "2004-03-10T18:60:00", "-004-03-10T18:00:00")) {
            DateTimeParseException expected = assertThrows(DateTimeParseException.class, () -> LocalDateTime.parse(text, ISO));
            DateTimeParseException actual = assertThrows(DateTimeParseException.class, () -> LocalTimestamps.parse(text), text);
            assertEquals(expected.getMessage(), actual.getMessage(), text);
        }
    }
}
