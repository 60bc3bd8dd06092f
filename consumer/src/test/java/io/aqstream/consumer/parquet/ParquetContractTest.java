package io.aqstream.consumer.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.aqstream.common.format.FormatProfiles;
import java.nio.charset.StandardCharsets;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/** Each topic's columns come from its format; the UCI topic's stay exactly as they were. */
class ParquetContractTest {
    private final FormatProfiles formats = FormatProfiles.ofProject();

    @Test
    void theUciFormatGivesTheUnchangedSchemaDocsIncluded() {
        assertEquals(ParquetContract.SCHEMA.toString(true),
                ParquetContract.of(formats.byNameOrFile("uci")).schema().toString(true));
    }

    @Test
    void beijingHasNullableDoublesAndANullableStringForWd() throws Exception {
        ParquetContract beijing = ParquetContract.of(formats.byNameOrFile("beijing"));
        Schema s = beijing.schema();
        assertEquals("[station, timestamp, pm2_5, pm10, so2, no2, co, o3, temp, pres, dewp, rain, wd, wspm,"
                + " kafka_partition, kafka_offset]", s.getFields().stream().map(Schema.Field::name).toList().toString());
        assertEquals("[\"null\",\"double\"]", s.getField("pm2_5").schema().toString());
        assertEquals("[\"null\",\"string\"]", s.getField("wd").schema().toString());
        assertEquals(ParquetContract.SCHEMA.getField("timestamp").schema(), s.getField("timestamp").schema());

        GenericRecord r = beijing.toRecord(beijing.decode(("{\"station\":\"Dongsi\",\"timestamp\":\"2013-03-01T00:00:00\","
                + "\"pm2_5\":9,\"pm10\":null,\"so2\":3,\"no2\":17,\"co\":300,\"o3\":89,\"temp\":-0.5,\"pres\":1024.5,"
                + "\"dewp\":-21.4,\"rain\":0,\"wd\":null,\"wspm\":5.7}").getBytes(StandardCharsets.UTF_8)), 2, 40);
        assertEquals("Dongsi", r.get("station"));
        assertEquals(9.0, r.get("pm2_5"));
        assertNull(r.get("pm10"));
        assertNull(r.get("wd"));
        assertEquals(2, r.get("kafka_partition"));
        assertEquals(40L, r.get("kafka_offset"));
    }
}
