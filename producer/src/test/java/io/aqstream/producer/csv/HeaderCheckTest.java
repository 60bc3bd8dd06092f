package io.aqstream.producer.csv;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqstream.common.format.FormatProfile;
import io.aqstream.common.format.FormatProfiles;
import org.junit.jupiter.api.Test;

class HeaderCheckTest {
    private static final FormatProfile UCI = FormatProfiles.ofProject().byNameOrFile("uci");

    @Test
    void theUciHeaderWithOrWithoutTrailingEmptyFieldsPasses() {
        assertNull(HeaderCheck.problem(UCI, UciFormat.HEADER_LINE));
        assertNull(HeaderCheck.problem(UCI, UciFormat.HEADER_LINE.replace(";;", "")));
        assertNull(HeaderCheck.problem(UCI, UciFormat.HEADER_LINE + ";;;"));
    }

    @Test
    void aCommaSeparatedExportIsNamedAsSuch() {
        String p = HeaderCheck.problem(UCI, UciFormat.HEADER_LINE.replace(';', ','));
        assertTrue(p.contains("comma-separated") && p.contains("Date,Time,CO(GT)") && p.contains("Date;Time;CO(GT)"), p);
    }

    @Test
    void aWrongFieldIsNamedWithItsColumn() {
        String p = HeaderCheck.problem(UCI, UciFormat.HEADER_LINE.replace("NOx(GT)", "NOX"));
        assertTrue(p.startsWith("1:8: header field 8 is \"NOX\", expected \"NOx(GT)\""), p);
    }

    @Test
    void aDataRowInPlaceOfTheHeaderIsNamed() {
        String p = HeaderCheck.problem(UCI, UciRowParserTest.FIRST_ROW);
        assertTrue(p.contains("no header line"), p);
    }

    @Test
    void aShortHeaderSaysWhereItStops() {
        String p = HeaderCheck.problem(UCI, "Date;Time;CO(GT)");
        assertTrue(p.startsWith("1:4: the header stops after 3 fields"), p);
    }
}
