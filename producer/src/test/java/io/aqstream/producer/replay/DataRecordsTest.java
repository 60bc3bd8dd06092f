package io.aqstream.producer.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.aqstream.common.format.FormatProfile;
import io.aqstream.common.format.FormatProfiles;
import io.aqstream.producer.csv.ProfileRowParser;
import io.aqstream.producer.csv.RowException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/**
 * The exact bytes bin/produce puts on the wire for a few real rows: key, value and headers, in order. Pinned
 * as literals (written by the encoder before it was made faster), so that a faster encoder cannot change the
 * message contract that consumers and tests depend on.
 */
class DataRecordsTest {
    private static final FormatProfile UCI = FormatProfiles.ofProject().byNameOrFile("uci");
    private static final FormatProfile BEIJING = FormatProfiles.ofProject().byNameOrFile("beijing");

    @Test
    void uciRowsKeepTheirBytes() throws RowException {
        DataRecords records = new DataRecords("readings", UCI.fields(), "uci", "AirQualityUCI.csv");
        ProfileRowParser parser = new ProfileRowParser(UCI, "uci");
        assertRecord("readings", "uci",
                "{\"station\":\"uci\",\"timestamp\":\"2004-03-10T18:00:00\",\"co_gt\":2.6,\"pt08_s1_co\":1360,\""
                + "nmhc_gt\":150,\"c6h6_gt\":11.9,\"pt08_s2_nmhc\":1046,\"nox_gt\":166,\"pt08_s3_nox\":1056,\"no2_"
                + "gt\":113,\"pt08_s4_no2\":1692,\"pt08_s5_o3\":1268,\"t\":13.6,\"rh\":48.9,\"ah\":0.7578}",
                List.of("aq.source.file=AirQualityUCI.csv", "aq.source.line=2", "aq.schema.version=1"),
                records.record(parser.parse("10/03/2004;18.00.00;2,6;1360;150;11,9;1046;166;1056;113;1692;1268;13,6;48,9;0,7578;;"), 2));
        assertRecord("readings", "uci",
                "{\"station\":\"uci\",\"timestamp\":\"2004-03-10T19:00:00\",\"co_gt\":2,\"pt08_s1_co\":1292,\"nm"
                + "hc_gt\":112,\"c6h6_gt\":9.4,\"pt08_s2_nmhc\":955,\"nox_gt\":103,\"pt08_s3_nox\":1174,\"no2_gt\""
                + ":92,\"pt08_s4_no2\":1559,\"pt08_s5_o3\":972,\"t\":13.3,\"rh\":47.7,\"ah\":0.7255}",
                List.of("aq.source.file=AirQualityUCI.csv", "aq.source.line=3", "aq.schema.version=1"),
                records.record(parser.parse("10/03/2004;19.00.00;2;1292;112;9,4;955;103;1174;92;1559;972;13,3;47,7;0,7255;;"), 3));
        assertRecord("readings", "uci",
                "{\"station\":\"uci\",\"timestamp\":\"2004-03-11T04:00:00\",\"co_gt\":null,\"pt08_s1_co\":1011,\""
                + "nmhc_gt\":14,\"c6h6_gt\":1.3,\"pt08_s2_nmhc\":527,\"nox_gt\":21,\"pt08_s3_nox\":1818,\"no2_gt\""
                + ":34,\"pt08_s4_no2\":1197,\"pt08_s5_o3\":445,\"t\":10.1,\"rh\":60.5,\"ah\":0.7465}",
                List.of("aq.source.file=AirQualityUCI.csv", "aq.source.line=12", "aq.schema.version=1"),
                records.record(parser.parse("11/03/2004;04.00.00;-200;1011;14;1,3;527;21;1818;34;1197;445;10,1;60,5;0,7465;;"), 12));
    }

    @Test
    void beijingRowsKeepTheirBytes() throws RowException {
        String file = "PRSA_Data_Aotizhongxin_20130301-20170228.csv";
        DataRecords records = new DataRecords("bj", BEIJING.fields(), null, file);
        ProfileRowParser parser = new ProfileRowParser(BEIJING, "unused");
        assertRecord("bj", "Aotizhongxin",
                "{\"station\":\"Aotizhongxin\",\"timestamp\":\"2017-01-26T23:00:00\",\"pm2_5\":10,\"pm10\":10,\""
                + "so2\":11,\"no2\":16,\"co\":400,\"o3\":88,\"temp\":-2.77555756156289E-17,\"pres\":1029,\"dewp\":"
                + "-16.6,\"rain\":0,\"wd\":\"NW\",\"wspm\":1.4}",
                List.of("aq.source.file=" + file, "aq.source.line=34273", "aq.schema.version=1"),
                records.record(parser.parse("34272,2017,1,26,23,10,10,11,16,400,88,-2.77555756156289e-17,1029,-16.6,0,\"NW\",1.4,\"Aotizhongxin\""), 34273));
        assertRecord("bj", "Dongsi",
                "{\"station\":\"Dongsi\",\"timestamp\":\"2014-12-31T23:00:00\",\"pm2_5\":null,\"pm10\":12,\"so2\""
                + ":null,\"no2\":null,\"co\":null,\"o3\":null,\"temp\":-3.1,\"pres\":1030.2,\"dewp\":-20,\"rain\":"
                + "0,\"wd\":null,\"wspm\":null}",
                List.of("aq.source.file=" + file, "aq.source.line=1234567", "aq.schema.version=1"),
                records.record(parser.parse("5,2014,12,31,23,NA,12,NA,NA,NA,NA,-3.1,1030.2,-20,0,NA,NA,\"Dongsi\""), 1234567));
        assertRecord("bj", "Gucheng",
                "{\"station\":\"Gucheng\",\"timestamp\":\"2013-03-01T07:00:00\",\"pm2_5\":3.5,\"pm10\":0.05,\"so"
                + "2\":1.00000005E7,\"no2\":5.0E-4,\"co\":0.123456789012,\"o3\":12345.6789,\"temp\":0,\"pres\":-0."
                + "25,\"dewp\":1000,\"rain\":0.001,\"wd\":\"N\\\"E\",\"wspm\":12.3}",
                List.of("aq.source.file=" + file, "aq.source.line=9", "aq.schema.version=1"),
                records.record(parser.parse("8,2013,3,1,7,3.5,0.05,10000000.5,0.0005,0.123456789012,12345.6789,-0.0,-0.25,1e3,0.001,\"N\"\"E\",12.30,\"Gucheng\""), 9));
    }

    private static void assertRecord(String topic, String key, String value, List<String> headers,
            ProducerRecord<byte[], byte[]> r) {
        assertEquals(topic, r.topic());
        assertNull(r.partition());
        assertEquals(key, new String(r.key(), StandardCharsets.UTF_8));
        assertEquals(value, new String(r.value(), StandardCharsets.UTF_8));
        List<String> got = new ArrayList<>();
        for (Header h : r.headers()) {
            got.add(h.key() + "=" + new String(h.value(), StandardCharsets.UTF_8));
        }
        assertEquals(headers, got);
    }
}
