package io.aqstream.producer.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqstream.common.format.FormatProfile;
import io.aqstream.common.format.FormatProfiles;
import io.aqstream.common.format.FormatRow;
import io.aqstream.common.format.RowJson;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The Beijing format, conf/formats/beijing.properties, through the format-driven parser. */
class BeijingRowParserTest {
    static final FormatProfile BEIJING = FormatProfiles.ofProject().byNameOrFile("beijing");
    static final String FIRST = "1,2013,3,1,0,4,4,4,7,300,77,-0.7,1023,-18.8,0,\"NNW\",4.4,\"Aotizhongxin\"";
    private final ProfileRowParser parser = new ProfileRowParser(BEIJING, "file-stem");

    @Test
    void theFirstRealRowBecomesTheContractsMessage() throws RowException {
        FormatRow r = parser.parse(FIRST);
        assertEquals("Aotizhongxin", r.station());
        assertEquals(LocalDateTime.of(2013, 3, 1, 0, 0), r.timestamp());
        assertEquals("{\"station\":\"Aotizhongxin\",\"timestamp\":\"2013-03-01T00:00:00\",\"pm2_5\":4,\"pm10\":4,"
                + "\"so2\":4,\"no2\":7,\"co\":300,\"o3\":77,\"temp\":-0.7,\"pres\":1023,\"dewp\":-18.8,\"rain\":0,"
                + "\"wd\":\"NNW\",\"wspm\":4.4}",
                new String(RowJson.toJson(BEIJING.fields(), r), StandardCharsets.UTF_8));
    }

    @Test
    void naIsNullForNumbersAndText() throws RowException {
        FormatRow r = parser.parse("5,2014,12,31,23,NA,12,NA,NA,NA,NA,-3.1,1030.2,-20,0,NA,NA,\"Dongsi\"");
        assertEquals(LocalDateTime.of(2014, 12, 31, 23, 0), r.timestamp());
        assertArrayEquals(new Object[] {null, 12.0, null, null, null, null, -3.1, 1030.2, -20.0, 0.0, null, null},
                r.values());
    }

    @Test
    void aQuotedFieldWithAnEmbeddedSeparatorParses() throws RowException {
        FormatRow r = parser.parse("1,2013,3,1,0,4,4,4,7,300,77,-0.7,1023,-18.8,0,\"N, then \"\"E\"\"\",4.4,\"Haidian, north\"");
        assertEquals("Haidian, north", r.station());
        assertEquals("N, then \"E\"", r.values()[10]);
    }

    @Test
    void anExponentIsReadWhereTheFormatAllowsIt() throws RowException {
        // Line 34273 of the Dongsi file.
        FormatRow r = parser.parse("34272,2016,12,28,23,6,6,3,20,300,55,-2.77555756156289e-17,1030.5,-19.7,0,\"NW\",2.2,"
                + "\"Dongsi\"");
        assertEquals(-2.77555756156289e-17, r.values()[6]);
    }

    @Test
    void anEmptyLineOrOnlySeparatorsIsAnEmptyRow() throws RowException {
        assertNull(parser.parse(""));
        assertNull(parser.parse(",,,,,,,,,,,,,,,,,"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unterminated quote|1,2013,3,1,0,4,4,4,7,300,77,-0.7,1023,-18.8,0,\"NNW,4.4,\"Aotizhongxin\"|16|wd|unterminated quote",
        "NA station|1,2013,3,1,0,4,4,4,7,300,77,-0.7,1023,-18.8,0,\"NNW\",4.4,NA|18|station|NA (missing)",
        "17 fields|1,2013,3,1,0,4,4,4,7,300,77,-0.7,1023,-18.8,0,\"NNW\",4.4|18|station|found 17 fields",
        "19 fields|1,2013,3,1,0,4,4,4,7,300,77,-0.7,1023,-18.8,0,\"NNW\",4.4,\"Aotizhongxin\",x|19|(extra field 19)|18 fields",
        "decimal comma|1,2013,3,1,0,4,4,4,7,300,77,\"-0,7\",1023,-18.8,0,\"NNW\",4.4,\"A\"|12|TEMP|decimal point",
        "hour 24|1,2013,3,1,24,4,4,4,7,300,77,-0.7,1023,-18.8,0,\"NNW\",4.4,\"A\"|5|hour|expected a value as H",
        "no such day|1,2013,2,30,0,4,4,4,7,300,77,-0.7,1023,-18.8,0,\"NNW\",4.4,\"A\"|5|hour|no such date",
        "text after quote|1,2013,3,1,0,4,4,4,7,300,77,-0.7,1023,-18.8,0,\"NN\"W,4.4,\"A\"|16|wd|after the closing quote",
    })
    void eachBadRowNamesItsColumnAndField(String name, String line, int column, String field, String mustContain) {
        RowException e = assertThrows(RowException.class, () -> parser.parse(line));
        String message = e.describe("b.csv", 7);
        assertTrue(message.startsWith("b.csv:7:" + column + ": field " + field + ": found "), message);
        assertTrue(message.contains(mustContain), message);
        assertTrue(message.contains("expected"), message);
    }
}
