package io.aqstream.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ReadingJsonTest {
    private static AirQualityReading firstUciRow() {
        // 10/03/2004;18.00.00;2,6;1360;150;11,9;1046;166;1056;113;1692;1268;13,6;48,9;0,7578;;
        Double[] v = {2.6, 1360.0, 150.0, 11.9, 1046.0, 166.0, 1056.0, 113.0, 1692.0, 1268.0, 13.6, 48.9, 0.7578};
        return new AirQualityReading("rome-1", LocalDateTime.of(2004, 3, 10, 18, 0), v);
    }

    @Test
    void writesTheDocumentedContract() {
        String json = new String(ReadingJson.toJson(firstUciRow()), StandardCharsets.UTF_8);
        assertEquals("{\"station\":\"rome-1\",\"timestamp\":\"2004-03-10T18:00:00\",\"co_gt\":2.6,\"pt08_s1_co\":1360,"
                + "\"nmhc_gt\":150,\"c6h6_gt\":11.9,\"pt08_s2_nmhc\":1046,\"nox_gt\":166,\"pt08_s3_nox\":1056,"
                + "\"no2_gt\":113,\"pt08_s4_no2\":1692,\"pt08_s5_o3\":1268,\"t\":13.6,\"rh\":48.9,\"ah\":0.7578}", json);
    }

    @Test
    void roundTripsValuesAndNulls() throws Exception {
        Double[] v = new Double[13];
        v[0] = -0.5;
        v[12] = 1.0E-4;
        AirQualityReading reading = new AirQualityReading("s", LocalDateTime.of(2005, 4, 4, 14, 0), v);
        AirQualityReading back = ReadingJson.fromJson(ReadingJson.toJson(reading));
        assertEquals(reading, back);
        assertNull(back.value(Measurement.NMHC_GT));
        assertEquals(firstUciRow(), ReadingJson.fromJson(ReadingJson.toJson(firstUciRow())));
    }

    @Test
    void ignoresUnknownFieldsSoProducersCanAddSome() throws Exception {
        String json = new String(ReadingJson.toJson(firstUciRow()), StandardCharsets.UTF_8)
                .replace("{\"station\"", "{\"extra\":{\"a\":[1,2]},\"station\"");
        assertEquals(firstUciRow(), ReadingJson.fromJson(json.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not json|hello|not valid JSON",
        "array|[1,2]|expected a JSON object, found an array",
        "truncated|{\"station\":\"s\"|not valid JSON at character",
        "missing station|{\"timestamp\":\"2004-03-10T18:00:00\"}|'station' is missing",
        "numeric station|{\"station\":5}|'station' must be a non-empty string, found a number",
        "bad timestamp|{\"station\":\"s\",\"timestamp\":\"10/03/2004 18.00.00\"}|'timestamp' is not an ISO-8601",
        "epoch timestamp|{\"station\":\"s\",\"timestamp\":1078941600}|'timestamp' must be an ISO-8601",
        "missing measurement|{\"station\":\"s\",\"timestamp\":\"2004-03-10T18:00:00\"}|'co_gt' is missing",
        "string measurement|{\"station\":\"s\",\"timestamp\":\"2004-03-10T18:00:00\",\"co_gt\":\"2,6\"}|'co_gt' must be a number or null, found a string",
        "trailing garbage|{\"station\":\"s\"} x|not valid JSON",
    })
    void rejectsMessagesThatBreakTheContract(String name, String value, String expected) {
        InvalidMessageException e = assertThrows(InvalidMessageException.class,
                () -> ReadingJson.fromJson(value.getBytes(StandardCharsets.UTF_8)));
        if (expected != null) {
            assertTrue(e.getMessage().contains(expected), () -> name + ": " + e.getMessage());
        }
    }

    @Test
    void rejectsNullValue() {
        assertThrows(InvalidMessageException.class, () -> ReadingJson.fromJson(null));
    }
}
