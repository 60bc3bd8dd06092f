package io.aqstream.producer.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.aqstream.common.format.FormatProfile;
import io.aqstream.common.format.FormatProfiles;
import java.io.IOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.junit.jupiter.api.Test;

/** The split without commons-csv (lines with no quote) gives exactly what commons-csv gives. */
class FieldSplitterTest {
    private static final FormatProfile BEIJING = FormatProfiles.ofProject().byNameOrFile("beijing");

    @Test
    void linesWithoutQuotesSplitAsCommonsCsvSplitsThem() throws Exception {
        FieldSplitter splitter = new FieldSplitter(BEIJING);
        for (String line : List.of("1,2013,3,1,0,4,4,4,,300,77,-0.7,1023,-18.8,0,NNW,4.4,Aotizhongxin",
                "a", ",", ",,", " a , b ", "x,", ",x", "a;b,c\tT")) {
            assertArrayEquals(commonsCsv(line), splitter.split(line), line);
        }
    }

    @Test
    void quotedFieldsStillGoThroughCommonsCsv() throws Exception {
        FieldSplitter splitter = new FieldSplitter(BEIJING);
        String line = "1,\"Haidian, north\",\"say \"\"hi\"\"\"";
        assertArrayEquals(new String[] {"1", "Haidian, north", "say \"hi\""}, splitter.split(line));
        assertThrows(RowException.class, () -> splitter.split("1,\"open"));
    }

    private static String[] commonsCsv(String line) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(BEIJING.separator()).setQuote(BEIJING.quote())
                .setRecordSeparator("\n").setIgnoreEmptyLines(false).setIgnoreSurroundingSpaces(false).setTrim(false)
                .setCommentMarker(null).setEscape(null).get();
        try (CSVParser parser = CSVParser.parse(line, format)) {
            return parser.getRecords().get(0).values();
        }
    }
}
