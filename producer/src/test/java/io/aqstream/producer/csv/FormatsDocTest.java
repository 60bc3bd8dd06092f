package io.aqstream.producer.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aqstream.common.format.FormatProfile;
import io.aqstream.common.format.FormatProfiles;
import io.aqstream.common.format.RowJson;
import io.aqstream.testkit.RepoFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/formats.md's third worked example, as printed: a format file and an export that need no code. */
class FormatsDocTest {
    @Test
    void theWorkedExampleIsRecognisedAndGivesThePrintedMessage(@TempDir Path dir) throws Exception {
        String doc = Files.readString(RepoFiles.root().resolve("docs/formats.md"));
        Path formats = Files.createDirectories(dir.resolve("formats"));
        Files.writeString(formats.resolve("garden.properties"), block(doc, "properties"));
        Path csv = dir.resolve("sensor-garden.csv");
        Files.writeString(csv, block(doc, "csv"));

        FormatProfile garden = FormatChoice.of(new FormatProfiles(formats), null, csv);
        assertEquals("air-quality-garden", garden.topic());
        List<String> lines = Files.readAllLines(csv);
        String json = new String(RowJson.toJson(garden.fields(), new ProfileRowParser(garden, "unused").parse(lines.get(2))),
                StandardCharsets.UTF_8);
        Matcher printed = Pattern.compile("`(\\{\"station\":\"garden\".*?\\})`").matcher(doc);
        printed.find();
        assertEquals(printed.group(1), json);
    }

    private static String block(String doc, String language) {
        Matcher m = Pattern.compile("```" + language + "\\n(.*?)```", Pattern.DOTALL).matcher(doc);
        m.find();
        return m.group(1);
    }
}
