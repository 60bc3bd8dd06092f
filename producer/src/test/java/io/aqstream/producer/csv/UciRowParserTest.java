package io.aqstream.producer.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqstream.common.AirQualityReading;
import io.aqstream.common.Measurement;
import java.time.LocalDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class UciRowParserTest {
    static final String FIRST_ROW = "10/03/2004;18.00.00;2,6;1360;150;11,9;1046;166;1056;113;1692;1268;13,6;48,9;0,7578;;";
    private final UciRowParser parser = new UciRowParser("s1");

    @Test
    void parsesTheFirstRowOfTheRealFile() throws RowException {
        AirQualityReading r = parser.parse(FIRST_ROW);
        assertEquals("s1", r.station());
        assertEquals(LocalDateTime.of(2004, 3, 10, 18, 0, 0), r.timestamp());
        assertEquals(2.6, r.value(Measurement.CO_GT));
        assertEquals(1360.0, r.value(Measurement.PT08_S1_CO));
        assertEquals(0.7578, r.value(Measurement.AH));
        assertEquals(13.6, r.value(Measurement.T));
    }

    @Test
    void minus200AndMinus200Comma0AreMissingButOtherNegativesAreNot() throws RowException {
        AirQualityReading r = parser.parse("10/03/2004;18.00.00;-200;1360;-200;-200,0;1046;166;1056;113;1692;1268;-1,9;-200;0,7578");
        assertNull(r.value(Measurement.CO_GT));
        assertNull(r.value(Measurement.NMHC_GT));
        assertNull(r.value(Measurement.C6H6_GT));
        assertNull(r.value(Measurement.RH));
        assertEquals(-1.9, r.value(Measurement.T));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"2,6|2.6", "2|2.0", "0,7578|0.7578", "-0,5|-0.5", "1479|1479.0",
        "12345678901234567,5|12345678901234567.5", "0,1234567890123456789|0.1234567890123456789"})
    void numbersAreReadExactlyAsParseDoubleWould(String cell, String javaNotation) throws RowException {
        assertEquals(Double.parseDouble(javaNotation), UciRowParser.parseNumber(cell, 0, cell.length(), 3));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // line | column | words the message must contain
        "10/03/2004;18.00.00;2.6;1360;150;11,9;1046;166;1056;113;1692;1268;13,6;48,9;0,7578;;|3|CO(GT)",
        "10/03/2004;18.00.00;abc;1360;150;11,9;1046;166;1056;113;1692;1268;13,6;48,9;0,7578;;|3|\"abc\"",
        "10/03/2004;18.00.00;2,6;;150;11,9;1046;166;1056;113;1692;1268;13,6;48,9;0,7578;;|4|an empty field",
        "10/03/2004;18.00.00;2,6;1360;150;11,9;1046;166;1056;113;1692;1268;13,6;48,9|15|14 fields",
        "10/03/2004;18.00.00;2,6;1360;150;11,9;1046;166;1056;113;1692;1268;13,6;48,9;0,7578;;9|17|extra value",
        "2004-03-10;18.00.00;2,6;1360;150;11,9;1046;166;1056;113;1692;1268;13,6;48,9;0,7578;;|1|dd/MM/yyyy",
        "31/02/2004;18.00.00;2,6;1360;150;11,9;1046;166;1056;113;1692;1268;13,6;48,9;0,7578;;|1|no such date",
        "10/03/2004;18:00:00;2,6;1360;150;11,9;1046;166;1056;113;1692;1268;13,6;48,9;0,7578;;|2|HH.mm.ss",
        "10/03/2004;24.00.00;2,6;1360;150;11,9;1046;166;1056;113;1692;1268;13,6;48,9;0,7578;;|2|23.59.59",
        "10/03/2004;18.00.00;2,6;1360;150;11,9;1046;166;1056;113;1692;1268;13,6;48,9;1e3;;|15|AH",
        "10/03/2004;18.00.00;2,6;1360;150;11,9;1046;166;1056;113;1692;1268;13,6;48,9;NaN;;|15|\"NaN\"",
        "10/03/2004;18.00.00;2,;1360;150;11,9;1046;166;1056;113;1692;1268;13,6;48,9;0,7578;;|3|decimal comma",
    })
    void badRowsNameTheColumnFieldAndWhatWasFound(String line, int column, String mustContain) {
        RowException e = assertThrows(RowException.class, () -> parser.parse(line));
        assertEquals(column, e.column());
        String message = e.describe("data.csv", 7);
        assertTrue(message.startsWith("data.csv:7:" + column + ": field "), message);
        assertTrue(message.contains(mustContain), message);
        assertTrue(message.contains("expected"), message);
    }

    @Test
    void emptyRowsAreRecognised() {
        assertTrue(UciFormat.isEmptyRow(";;;;;;;;;;;;;;;;"));
        assertTrue(UciFormat.isEmptyRow(""));
        assertTrue(UciFormat.isEmptyRow(" ; ;"));
        assertEquals(false, UciFormat.isEmptyRow(";;;;1;;"));
    }
}
