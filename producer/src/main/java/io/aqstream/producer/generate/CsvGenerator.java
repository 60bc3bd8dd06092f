package io.aqstream.producer.generate;

import java.io.IOException;
import java.io.Writer;
import java.time.LocalDateTime;

/** Streams one station's file: the header, then one row per hour. Memory does not grow with the hours. */
public final class CsvGenerator {
    private final long seed;

    public CsvGenerator(long seed) {
        this.seed = seed;
    }

    /**
     * @param stationIndex 0-based; each station has its own level and random stream
     * @param emptyRows empty {@code ;;;;} rows appended at the end, as the real file has 114
     */
    public void write(Writer out, int stationIndex, LocalDateTime start, long hours, int emptyRows) throws IOException {
        StationModel model = new StationModel(seed, stationIndex);
        UciCsvWriter csv = new UciCsvWriter(out);
        csv.header();
        LocalDateTime t = start;
        for (long h = 0; h < hours; h++) {
            csv.row(t, model.next(t), model.coMissingWithDecimal());
            t = t.plusHours(1);
        }
        String empty = ";".repeat(16) + UciCsvWriter.CRLF;
        for (int i = 0; i < emptyRows; i++) {
            out.write(empty);
        }
        out.flush();
    }
}
