package io.aqstream.producer.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.aqstream.common.AirQualityReading;
import io.aqstream.common.Measurement;
import io.aqstream.testkit.RepoFiles;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The parser against every row of the real file, checked with a naive split that shares no code with it. */
class RealFileParseTest {
    @Test
    void everyRowOfTheRealFileParsesToWhatANaiveSplitSays() throws IOException, RowException {
        Path csv = RepoFiles.realCsv();
        UciRowParser parser = new UciRowParser("uci");
        int rows = 0;
        int empty = 0;
        int missing = 0;
        try (InputFile input = InputFile.openChecked(csv); LineReader lines = input.lines()) {
            assertNull(HeaderCheck.problem(lines.next()));
            String line;
            while ((line = lines.next()) != null) {
                if (UciFormat.isEmptyRow(line)) {
                    empty++;
                    continue;
                }
                rows++;
                AirQualityReading r = parser.parse(line);
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
