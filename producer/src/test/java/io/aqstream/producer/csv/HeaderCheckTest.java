package io.aqstream.producer.csv;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HeaderCheckTest {
    @Test
    void theUciHeaderWithOrWithoutTrailingEmptyFieldsPasses() {
        assertNull(HeaderCheck.problem(UciFormat.HEADER_LINE));
        assertNull(HeaderCheck.problem(UciFormat.HEADER_LINE.replace(";;", "")));
        assertNull(HeaderCheck.problem(UciFormat.HEADER_LINE + ";;;"));
    }

    @Test
    void aCommaSeparatedExportIsNamedAsSuch() {
        String p = HeaderCheck.problem(UciFormat.HEADER_LINE.replace(';', ','));
        assertTrue(p.contains("comma-separated") && p.contains("Date,Time,CO(GT)") && p.contains("Date;Time;CO(GT)"), p);
    }

    @Test
    void aWrongFieldIsNamedWithItsColumn() {
        String p = HeaderCheck.problem(UciFormat.HEADER_LINE.replace("NOx(GT)", "NOX"));
        assertTrue(p.startsWith("1:8: header field 8 is \"NOX\", expected \"NOx(GT)\""), p);
    }

    @Test
    void aDataRowInPlaceOfTheHeaderIsNamed() {
        String p = HeaderCheck.problem(UciRowParserTest.FIRST_ROW);
        assertTrue(p.contains("no header line"), p);
    }

    @Test
    void aShortHeaderSaysWhereItStops() {
        String p = HeaderCheck.problem("Date;Time;CO(GT)");
        assertTrue(p.startsWith("1:4: the header stops after 3 fields"), p);
    }
}
