package io.aqstream.producer.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.aqstream.common.format.FormatProfiles;
import io.aqstream.producer.csv.LineReader;
import io.aqstream.producer.csv.ProfileRowParser;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The reading thread's failures reach the sending thread, whatever they are. */
class RowPipelineTest {
    private static final String ROW = "1,2013,3,1,0,4,4,4,7,300,77,-0.7,1023,-18.8,0,\"NNW\",4.4,\"Aotizhongxin\"\n";

    private static LineReader lines(int rows) {
        return new LineReader(new ByteArrayInputStream(ROW.repeat(rows).getBytes(StandardCharsets.UTF_8)));
    }

    private static ProfileRowParser parser() {
        return new ProfileRowParser(FormatProfiles.ofProject().byNameOrFile("beijing"), "Aotizhongxin");
    }

    @Test
    void rowsComeOutInFileOrder() throws Exception {
        try (RowPipeline<Long> rows = new RowPipeline<>(lines(1000), parser(), (row, line) -> line, 12)) {
            long expected = 1;
            RowPipeline.Row<Long> row;
            while ((row = rows.next()) != null) {
                assertEquals(expected++, row.record);
            }
            assertEquals(1001, expected);
        }
    }

    /** It once ended the reading thread unseen, and its station's sender waited for rows forever. */
    @Test
    void anOutOfMemoryErrorWhileReadingReachesTheSenderInsteadOfAHang() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try (RowPipeline<Long> rows = new RowPipeline<>(lines(1000), parser(), (row, line) -> {
                if (line == 700) {
                    throw new OutOfMemoryError("Java heap space");
                }
                return line;
            }, 1)) {
                assertThrows(OutOfMemoryError.class, () -> {
                    while (rows.next() != null) {
                        // read on until the reader's failure arrives
                    }
                });
            }
        });
    }
}
