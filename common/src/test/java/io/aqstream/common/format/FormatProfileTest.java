package io.aqstream.common.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqstream.common.Measurement;
import io.aqstream.common.Topics;
import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.UserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FormatProfileTest {
    private final FormatProfiles shipped = FormatProfiles.ofProject();

    @Test
    void theUciFormatFileDescribesTheUnchangedUciContract() {
        FormatProfile uci = shipped.byNameOrFile("uci");
        assertEquals(Topics.DATA, uci.topic());
        assertEquals(';', uci.separator());
        assertNull(uci.quote());
        assertEquals(-200.0, uci.missingNumber());
        assertEquals(-1, uci.stationColumn());
        // The message and Parquet contract of the UCI topic is Measurement's: the file must say the same.
        assertEquals(Measurement.ALL.stream().map(Measurement::column).collect(Collectors.toList()),
                uci.fields().stream().map(FormatField::name).collect(Collectors.toList()));
        assertEquals(Measurement.ALL.stream().map(Measurement::csvHeader).collect(Collectors.toList()),
                uci.fields().stream().map(FormatField::column).collect(Collectors.toList()));
        assertEquals(Measurement.ALL.stream().map(Measurement::unit).collect(Collectors.toList()),
                uci.fields().stream().map(FormatField::unit).collect(Collectors.toList()));
        assertEquals(Measurement.ALL.stream().map(Measurement::description).collect(Collectors.toList()),
                uci.fields().stream().map(FormatField::about).collect(Collectors.toList()));
    }

    @Test
    void theBeijingFormatFileGivesTheIssuesFields() {
        FormatProfile b = shipped.byNameOrFile("beijing");
        assertEquals("air-quality-beijing", b.topic());
        assertEquals(List.of("pm2_5", "pm10", "so2", "no2", "co", "o3", "temp", "pres", "dewp", "rain", "wd", "wspm"),
                b.fields().stream().map(FormatField::name).collect(Collectors.toList()));
        assertEquals(FormatField.Type.TEXT, b.fields().get(10).type());
        assertEquals(17, b.stationColumn());
        assertEquals(List.of("year", "month", "day", "hour"),
                b.timestamp().stream().map(TimestampPart::column).collect(Collectors.toList()));
    }

    @Test
    void aDataSetsFormatIsFoundFromItsParquetColumns(@TempDir Path dir) throws IOException {
        assertEquals("beijing", shipped.ofColumns("air-quality-beijing", List.of("pm2_5", "wd", "wspm")).get().name());
        assertEquals("uci", shipped.ofColumns("some-topic", List.of("co_gt", "ah")).get().name());
        assertTrue(shipped.ofColumns(Topics.DATA, List.of("co_gt", "pm2_5")).isEmpty(), "no format has both");
        // Two formats with the same fields: the one whose topic the data set's folder is.
        Files.copy(shipped.dir().resolve("beijing.properties"), dir.resolve("beijing.properties"));
        Files.writeString(dir.resolve("copy.properties"), Files.readString(dir.resolve("beijing.properties"))
                .replace("topic = air-quality-beijing", "topic = my-copy"));
        FormatProfiles two = new FormatProfiles(dir);
        assertEquals("copy", two.ofColumns("my-copy", List.of("pm10")).get().name());
        assertEquals("beijing", two.ofColumns("air-quality-beijing", List.of("pm10")).get().name());
    }

    @Test
    void knownFormatsAreTheFilesInTheFolder() {
        assertEquals("beijing, uci", shipped.knownList());
    }

    @Test
    void anUnknownNameListsTheKnownFormats() {
        UserException e = assertThrows(UserException.class, () -> shipped.byNameOrFile("beiging"));
        assertEquals(ExitCodes.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("unknown format; known formats: beijing, uci"), e.getMessage());
    }

    @Test
    void aMistakeInAFormatFileNamesTheFileAndTheKey(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("mine.properties");
        Files.writeString(f, "description = x\ntopic = t\nseparator = ,\ncolumns = when,pm\ntimestamp.when = uuuu-MM-dd HH:mm\n"
                + "station = file\nfield.pm = PM25 number ug/m3\n");
        UserException e = assertThrows(UserException.class, () -> new FormatProfiles(dir).byNameOrFile("mine"));
        assertEquals(ExitCodes.BAD_INPUT, e.exitCode());
        assertTrue(e.getMessage().startsWith(f + ": key 'field.pm': 'PM25' must be a new snake_case name"), e.getMessage());

        Files.writeString(f, "description = x\ntopic = t\nseparator = ,\ncolumns = when,pm\ntimestamp.when = uuuu-MM-dd HH:mm\n"
                + "station = file\nfield.pm = pm25 number ug/m3\nfeld.x = 1\n");
        e = assertThrows(UserException.class, () -> new FormatProfiles(dir).byNameOrFile(f.toString()));
        assertTrue(e.getMessage().contains("key 'feld.x': unknown key"), e.getMessage());
    }
}
