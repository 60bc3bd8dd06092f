package io.aqstream.producer.generate;

import io.aqstream.common.Measurement;
import io.aqstream.producer.csv.UciFormat;
import java.io.IOException;
import java.io.Writer;
import java.time.LocalDateTime;

/**
 * Writes rows exactly as the UCI file does: CRLF line ends, {@code ;} separators, two empty trailing
 * fields, decimal commas, {@code dd/MM/yyyy} and {@code HH.mm.ss}, {@code -200} for missing ({@code -200,0}
 * in C6H6 and sometimes CO, as in the real file). Formats by hand, without String.format, because it runs
 * for every row of multi-million-row files.
 */
final class UciCsvWriter {
    static final String CRLF = "\r\n";
    /** Decimals per column as in the real file: CO, C6H6, T, RH one; AH four; the rest whole numbers. */
    private static final int[] DECIMALS = new int[Measurement.ALL.size()];

    static {
        DECIMALS[Measurement.CO_GT.ordinal()] = 1;
        DECIMALS[Measurement.C6H6_GT.ordinal()] = 1;
        DECIMALS[Measurement.T.ordinal()] = 1;
        DECIMALS[Measurement.RH.ordinal()] = 1;
        DECIMALS[Measurement.AH.ordinal()] = 4;
    }

    private final Writer out;
    private final StringBuilder row = new StringBuilder(160);

    UciCsvWriter(Writer out) {
        this.out = out;
    }

    void header() throws IOException {
        out.write(UciFormat.HEADER_LINE);
        out.write(CRLF);
    }

    void row(LocalDateTime t, Double[] values, boolean coMissingWithDecimal) throws IOException {
        row.setLength(0);
        two(t.getDayOfMonth()).append('/');
        two(t.getMonthValue()).append('/').append(t.getYear()).append(';');
        two(t.getHour()).append('.');
        two(t.getMinute()).append('.');
        two(t.getSecond()).append(';');
        for (Measurement m : Measurement.ALL) {
            Double v = values[m.ordinal()];
            if (v == null) {
                boolean decimal = m == Measurement.C6H6_GT || m == Measurement.CO_GT && coMissingWithDecimal;
                row.append(decimal ? "-200,0" : "-200");
            } else {
                decimal(v, m == Measurement.CO_GT ? 1 : DECIMALS[m.ordinal()], m == Measurement.CO_GT);
            }
            row.append(';');
        }
        row.append(';').append(CRLF); // 15 fields + 2 empty = the UCI file's ";;" ending
        out.append(row);
    }

    private StringBuilder two(int v) {
        if (v < 10) {
            row.append('0');
        }
        return row.append(v);
    }

    /** {@code 2,6}, {@code -1,9}, {@code 0,7578}; CO drops ",0" for whole numbers as the real file does. */
    private void decimal(double v, int decimals, boolean dropZeroFraction) {
        if (decimals == 0) {
            row.append(Math.round(v));
            return;
        }
        long scale = decimals == 1 ? 10 : 10_000;
        long scaled = Math.round(Math.abs(v) * scale);
        if (v < 0 && scaled != 0) {
            row.append('-');
        }
        long whole = scaled / scale;
        long fraction = scaled % scale;
        row.append(whole);
        if (dropZeroFraction && fraction == 0) {
            return;
        }
        row.append(',');
        String f = Long.toString(fraction);
        for (int i = f.length(); i < decimals; i++) {
            row.append('0');
        }
        row.append(f);
    }
}
