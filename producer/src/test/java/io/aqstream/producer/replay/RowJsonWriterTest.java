package io.aqstream.producer.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.aqstream.common.format.FormatField;
import io.aqstream.common.format.FormatProfile;
import io.aqstream.common.format.FormatProfiles;
import io.aqstream.common.format.FormatRow;
import io.aqstream.common.format.RowJson;
import io.aqstream.producer.csv.InputFile;
import io.aqstream.producer.csv.LineReader;
import io.aqstream.producer.csv.ProfileRowParser;
import io.aqstream.producer.csv.RowException;
import io.aqstream.testkit.RepoFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@link RowJsonWriter} against {@link RowJson#toJson}, the contract's own encoder, byte for byte: every row of
 * the real UCI file and of the 12 real Beijing files, and a few million numbers chosen to hit its edges (every
 * decimal of up to four places in some ranges, random digits and scales, random bit patterns, the bounds of its
 * plain range), and the texts and timestamps it hands over to RowJson.
 */
class RowJsonWriterTest {
    private static final FormatProfile UCI = FormatProfiles.ofProject().byNameOrFile("uci");
    private static final FormatProfile BEIJING = FormatProfiles.ofProject().byNameOrFile("beijing");
    private static final LocalDateTime T = LocalDateTime.of(2004, 3, 10, 18, 0);

    @Test
    void everyRealRowIsWrittenAsRowJsonWritesIt() throws IOException, RowException {
        assertEquals(9357, sameAsRowJson(RepoFiles.realCsv(), UCI, "uci"));
        long rows = 0;
        try (Stream<Path> files = Files.list(RepoFiles.beijingDir())) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList()) {
                rows += sameAsRowJson(f, BEIJING, "unused");
            }
        }
        assertEquals(420_768, rows);
    }

    private static long sameAsRowJson(Path csv, FormatProfile format, String station) throws IOException, RowException {
        RowJsonWriter writer = new RowJsonWriter(format.fields());
        ProfileRowParser parser = new ProfileRowParser(format, station);
        long rows = 0;
        try (InputFile input = InputFile.openChecked(csv, format); LineReader lines = input.lines()) {
            lines.next();
            String line;
            while ((line = lines.next()) != null) {
                FormatRow row = parser.parse(line);
                if (row != null) {
                    rows++;
                    String where = csv.getFileName() + ":" + lines.lineNumber();
                    assertSame(format.fields(), writer, row, where);
                    assertNotNull(writer.writtenHere(row), where + " is the usual case, written without Jackson");
                }
            }
        }
        return rows;
    }

    @Test
    void numbersAreWrittenAsRowJsonWritesThem() {
        List<FormatField> fields = UCI.fields();
        int n = fields.size();
        RowJsonWriter writer = new RowJsonWriter(fields);
        Object[] values = new Object[n];
        int[] at = {0};
        java.util.function.DoubleConsumer check = d -> {
            values[at[0]++] = d;
            if (at[0] == n) {
                assertSame(fields, writer, new FormatRow("s", T, values.clone()), "values");
                at[0] = 0;
            }
        };
        // Every decimal of up to 3 places from -1,000 to 1,000, of 4 to 6 places below 1, and near the plain
        // range's bounds.
        for (int scale = 0; scale <= 3; scale++) {
            long step = (long) Math.pow(10, scale);
            for (long m = -1000 * step; m <= 1000 * step; m++) {
                check.accept(m / (double) step);
            }
        }
        for (int scale = 4; scale <= 6; scale++) {
            double step = Math.pow(10, scale);
            for (long m = 0; m <= 100_000; m++) {
                check.accept(m / step);
            }
        }
        for (long m = 0; m <= 20_000; m++) {
            check.accept(m / 1e7); // 0 to 0.002: across 0.001, where the notation changes
            check.accept(9_999_000 + m / 1e1); // up to and past 1e7
            check.accept(9_999_999 + m / 1e4);
        }
        SplittableRandom random = new SplittableRandom(16);
        for (int i = 0; i < 300_000; i++) {
            int digits = 1 + random.nextInt(17);
            long m = random.nextLong((long) Math.min(Long.MAX_VALUE / 10, Math.pow(10, digits)));
            int scale = random.nextInt(20);
            double d = m / Math.pow(10, scale);
            check.accept(random.nextBoolean() ? d : -d);
            check.accept(Double.longBitsToDouble(random.nextLong())); // NaN and infinities included
            check.accept(random.nextDouble() * Math.pow(10, random.nextInt(-5, 17)));
        }
        for (double d : new double[] {0.0, -0.0, 1e-3, 1e7, 1e15, -1e15, 1e15 - 1, 1e15 + 0.5, 999_999_999_999_999.9,
            Double.MIN_VALUE, Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            0.1 + 0.2, 1.0 / 3, 2.0 / 3, 123_456.789_012_345, 0.000_999_999_999_999_9, 9_999_999.999_999_999}) {
            check.accept(d);
        }
        while (at[0] != 0) {
            check.accept(1.5);
        }
    }

    @Test
    void textsTimestampsAndNamesThatNeedCareAreWrittenAsRowJsonWritesThem() {
        List<FormatField> fields = BEIJING.fields();
        RowJsonWriter writer = new RowJsonWriter(fields);
        Object[] values = new Object[fields.size()];
        int wd = -1;
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).type() == FormatField.Type.TEXT) {
                wd = i;
            } else {
                values[i] = 2.5;
            }
        }
        for (String text : new String[] {"NW", "", " ", "N\"E", "back\\slash", "tab\there", "new\nline", "\u0000",
            "\u001f", "\u007f", "é", "北京", "\ud83d\ude00", "</script>", "a/b", "~"}) {
            values[wd] = text;
            assertSame(fields, writer, new FormatRow(text, T, values.clone()), "text " + text);
            assertSame(fields, writer, new FormatRow("Dongsi", T, values.clone()), "text " + text);
        }
        values[wd] = "NW";
        for (LocalDateTime t : new LocalDateTime[] {T, LocalDateTime.of(0, 1, 1, 0, 0), LocalDateTime.of(9999, 12, 31,
            23, 59, 59), LocalDateTime.of(10_000, 1, 1, 0, 0), LocalDateTime.of(-1, 1, 1, 0, 0),
            LocalDateTime.of(2004, 3, 10, 18, 0, 0, 1), LocalDateTime.of(2004, 3, 10, 18, 0, 0, 500_000_000),
            LocalDateTime.of(2004, 12, 9, 7, 5, 3)}) {
            assertSame(fields, writer, new FormatRow("Dongsi", t, values.clone()), "timestamp " + t);
        }
        FormatProfile odd = FormatProfiles.ofProject().byNameOrFile("uci");
        assertSame(odd.fields(), new RowJsonWriter(odd.fields()), new FormatRow("uci", T,
                new Object[odd.fields().size()]), "all missing");
    }

    private static void assertSame(List<FormatField> fields, RowJsonWriter writer, FormatRow row, String where) {
        byte[] expected = RowJson.toJson(fields, row);
        byte[] got = writer.toJson(row);
        if (!java.util.Arrays.equals(expected, got)) {
            assertEquals(new String(expected, StandardCharsets.UTF_8), new String(got, StandardCharsets.UTF_8), where);
        }
    }
}
