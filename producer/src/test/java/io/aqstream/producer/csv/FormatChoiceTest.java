package io.aqstream.producer.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.UserException;
import io.aqstream.common.format.FormatProfiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The format comes from --format, else from the header; no match lists the known formats. */
class FormatChoiceTest {
    static final String BEIJING_HEADER = "\"No\",\"year\",\"month\",\"day\",\"hour\",\"PM2.5\",\"PM10\",\"SO2\",\"NO2\","
            + "\"CO\",\"O3\",\"TEMP\",\"PRES\",\"DEWP\",\"RAIN\",\"wd\",\"WSPM\",\"station\"";
    private final FormatProfiles formats = FormatProfiles.ofProject();

    @TempDir
    Path dir;

    private Path file(String content) throws IOException {
        Path f = dir.resolve("x.csv");
        Files.writeString(f, content);
        return f;
    }

    @Test
    void theHeaderNamesTheFormat() throws IOException {
        assertEquals("uci", FormatChoice.of(formats, null, file(UciFormat.HEADER_LINE + "\r\nrow\r\n")).name());
        assertEquals("beijing", FormatChoice.of(formats, null, file(BEIJING_HEADER + "\r\nrow\r\n")).name());
        // Unquoted is the same header.
        assertEquals("beijing", FormatChoice.of(formats, null, file(BEIJING_HEADER.replace("\"", "") + "\n")).name());
    }

    @Test
    void aHeaderOfNoKnownFormatListsThem() throws IOException {
        Path f = file("when;pm25\r\n2024-01-01 00:00;3\r\n");
        UserException e = assertThrows(UserException.class, () -> FormatChoice.of(formats, null, f));
        assertEquals(ExitCodes.BAD_INPUT, e.exitCode());
        assertTrue(e.getMessage().startsWith(f + ":1:1: the header matches no known format (found \"when;pm25\")."),
                e.getMessage());
        assertTrue(e.getMessage().contains("Known formats: beijing (") && e.getMessage().contains("uci (")
                && e.getMessage().contains("--format NAME|FILE"), e.getMessage());
    }

    @Test
    void aNearlyBeijingHeaderSaysWhichFieldDiffers() throws IOException {
        Path f = file(BEIJING_HEADER.replace("\"PM10\"", "\"PM_10\"") + "\r\n");
        UserException e = assertThrows(UserException.class, () -> FormatChoice.of(formats, null, f));
        assertTrue(e.getMessage().startsWith(f + ":1:7: header field 7 is \"PM_10\", expected \"PM10\""), e.getMessage());
        assertTrue(e.getMessage().contains("(closest known format: beijing)"), e.getMessage());
    }

    @Test
    void aHeaderFromAnotherFormatUnderFormatIsNamed() throws IOException {
        Path f = file(BEIJING_HEADER + "\r\n");
        String p = HeaderCheck.problem(formats.byNameOrFile("uci"), BEIJING_HEADER);
        assertTrue(p.startsWith("1:1: the header is comma-separated"), p);
        assertEquals("beijing", FormatChoice.of(formats, "beijing", f).name());
    }

    @Test
    void aFormatFileByPath() throws IOException {
        Path fmt = dir.resolve("mine.properties");
        Files.writeString(fmt, "description = mine\ntopic = mine\nseparator = ;\ncolumns = when;pm25\n"
                + "timestamp.when = uuuu-MM-dd HH:mm\nstation = file\nfield.pm25 = pm2_5 number ug/m3\n");
        assertEquals("mine", FormatChoice.of(formats, fmt.toString(), file("when;pm25\n")).name());
    }

    @Test
    void anUnknownFormatNameIsACommandLineMistake() throws IOException {
        Path f = file("x\n");
        UserException e = assertThrows(UserException.class, () -> FormatChoice.of(formats, "nope", f));
        assertEquals(ExitCodes.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("--format nope: unknown format; known formats: beijing, uci"), e.getMessage());
    }
}
