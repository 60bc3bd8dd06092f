package io.aqstream.producer.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.aqstream.common.AirQualityReading;
import io.aqstream.common.Measurement;
import io.aqstream.common.ReadingJson;
import io.aqstream.common.format.FormatProfile;
import io.aqstream.common.format.FormatProfiles;
import io.aqstream.common.format.FormatRow;
import io.aqstream.common.format.RowJson;
import io.aqstream.testkit.RepoFiles;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The parsers against every row of the real file, checked with a naive split that shares no code with them;
 * and the format-driven parser (conf/formats/uci.properties) against the hand-written UCI one, message bytes
 * included: the UCI contract did not change when formats became data.
 */
class RealFileParseTest {
    @Test
    void everyRowOfTheRealFileParsesToWhatANaiveSplitSays() throws IOException, RowException {
        Path csv = RepoFiles.realCsv();
        FormatProfile uci = FormatProfiles.ofProject().byNameOrFile("uci");
        UciRowParser parser = new UciRowParser("uci");
        ProfileRowParser profileParser = new ProfileRowParser(uci, "uci");
        int rows = 0;
        int empty = 0;
        int missing = 0;
        try (InputFile input = InputFile.openChecked(csv, uci); LineReader lines = input.lines()) {
            assertNull(HeaderCheck.problem(uci, lines.next()));
            String line;
            while ((line = lines.next()) != null) {
                FormatRow row = profileParser.parse(line);
                if (UciFormat.isEmptyRow(line)) {
                    assertNull(row, "line " + lines.lineNumber());
                    empty++;
                    continue;
                }
                rows++;
                AirQualityReading r = parser.parse(line);
                assertArrayEquals(ReadingJson.toJson(r), RowJson.toJson(uci.fields(), row), "line " + lines.lineNumber());
                String[] f = line.split(";");
                for (Measurement m : Measurement.ALL) {
                    double expected = Double.parseDouble(f[m.ordinal() + 2].replace(',', '.'));
                    if (expected == -200) {
                        missing++;
                        assertNull(r.value(m), "line " + lines.lineNumber() + " " + m);
                    } else {
                        assertEquals(expected, r.value(m), "line " + lines.lineNumber() + " " + m);
                    }
                }
            }
        }
        assertEquals(9357, rows);
        assertEquals(114, empty);
        assertEquals(16_701, missing);
    }
}
