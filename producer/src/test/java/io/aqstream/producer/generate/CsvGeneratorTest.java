package io.aqstream.producer.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqstream.common.AirQualityReading;
import io.aqstream.common.Measurement;
import io.aqstream.common.format.FormatProfiles;
import io.aqstream.producer.GenerateCommand;
import io.aqstream.producer.csv.HeaderCheck;
import io.aqstream.producer.csv.LineReader;
import io.aqstream.producer.csv.RowException;
import io.aqstream.producer.csv.UciFormat;
import io.aqstream.producer.csv.UciRowParser;
import io.aqstream.testkit.Cli;
import io.aqstream.testkit.CliResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvGeneratorTest {
    private static final LocalDateTime START = LocalDateTime.of(2004, 3, 10, 18, 0);

    private static String generate(long seed, int station, long hours, int empty) throws IOException {
        StringWriter w = new StringWriter();
        new CsvGenerator(seed).write(w, station, START, hours, empty);
        return w.toString();
    }

    @Test
    void sameSeedSameBytesOtherSeedOtherData() throws IOException {
        assertEquals(generate(7, 0, 500, 0), generate(7, 0, 500, 0));
        assertNotEquals(generate(7, 0, 500, 0), generate(8, 0, 500, 0));
        assertNotEquals(generate(7, 0, 500, 0), generate(7, 1, 500, 0));
    }

    @Test
    void writesTheUciFormatByteForByte() throws IOException {
        String csv = generate(1, 0, 48, 3);
        String[] lines = csv.split("\r\n", -1);
        assertEquals(1 + 48 + 3 + 1, lines.length, "CRLF after every line, the last one included");
        assertEquals("", lines[lines.length - 1]);
        assertEquals(UciFormat.HEADER_LINE, lines[0]);
        assertTrue(lines[1].startsWith("10/03/2004;18.00.00;"), lines[1]);
        assertTrue(lines[48].startsWith("12/03/2004;17.00.00;"), lines[48]);
        for (int i = 1; i <= 48; i++) {
            assertTrue(lines[i].endsWith(";;"), lines[i]);
            assertEquals(16, lines[i].chars().filter(c -> c == ';').count(), lines[i]);
            assertTrue(!lines[i].contains("."+"0;") && !lines[i].contains("\n"), lines[i]);
        }
        assertEquals(";;;;;;;;;;;;;;;;", lines[49]);
        assertTrue(csv.matches("(?s).*;\\d+,\\d;.*"), "decimal commas");
    }

    /** Everything generated parses back with the producer's parser; missing values come at the real rates. */
    @Test
    void parsesBackAndMissingRatesMatchTheRealFile() throws IOException, RowException {
        long hours = 100_000;
        String csv = generate(42, 0, hours, 0);
        UciRowParser parser = new UciRowParser("g");
        Map<Measurement, Integer> missing = new EnumMap<>(Measurement.class);
        int minus200Comma0 = 0;
        LocalDateTime expected = START;
        double sumCo = 0;
        double sumT = 0;
        int nCo = 0;
        int nT = 0;
        try (LineReader lines = new LineReader(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)))) {
            assertNull(HeaderCheck.problem(FormatProfiles.ofProject().byNameOrFile("uci"), lines.next()));
            String line;
            while ((line = lines.next()) != null) {
                AirQualityReading r = parser.parse(line);
                assertEquals(expected, r.timestamp());
                expected = expected.plusHours(1);
                for (Measurement m : Measurement.ALL) {
                    if (r.value(m) == null) {
                        missing.merge(m, 1, Integer::sum);
                    }
                }
                if (line.contains("-200,0")) {
                    minus200Comma0++;
                }
                if (r.value(Measurement.CO_GT) != null) {
                    sumCo += r.value(Measurement.CO_GT);
                    nCo++;
                }
                if (r.value(Measurement.T) != null) {
                    sumT += r.value(Measurement.T);
                    nT++;
                }
            }
        }
        assertEquals(START.plusHours(hours), expected);
        assertRate(missing, Measurement.CO_GT, 1683.0 / 9357, 0.03, hours);
        assertRate(missing, Measurement.NMHC_GT, 8443.0 / 9357, 0.04, hours);
        assertRate(missing, Measurement.NOX_GT, 1639.0 / 9357, 0.03, hours);
        assertRate(missing, Measurement.NO2_GT, 1642.0 / 9357, 0.03, hours);
        for (Measurement m : new Measurement[] {Measurement.PT08_S1_CO, Measurement.C6H6_GT, Measurement.T,
            Measurement.RH, Measurement.AH}) {
            assertRate(missing, m, 366.0 / 9357, 0.015, hours);
        }
        assertTrue(minus200Comma0 > 0, "-200,0 appears as in the real file");
        double meanCo = sumCo / nCo;
        double meanT = sumT / nT;
        assertTrue(meanCo > 1.3 && meanCo < 3.0, "mean CO near the real 2.15: " + meanCo);
        assertTrue(meanT > 12 && meanT < 24, "mean T near the real 18.3: " + meanT);
    }

    @Test
    void rushHoursAreDirtierThanTheNight() throws IOException, RowException {
        double[] sum = new double[24];
        int[] n = new int[24];
        UciRowParser parser = new UciRowParser("g");
        for (String line : generate(3, 0, 24 * 200, 0).split("\r\n")) {
            if (line.startsWith("Date")) {
                continue;
            }
            AirQualityReading r = parser.parse(line);
            Double co = r.value(Measurement.CO_GT);
            if (co != null) {
                sum[r.timestamp().getHour()] += co;
                n[r.timestamp().getHour()]++;
            }
        }
        double morning = sum[8] / n[8];
        double night = sum[4] / n[4];
        assertTrue(morning > 1.5 * night, "08:00 " + morning + " vs 04:00 " + night);
    }

    @Test
    void severalStationsGiveOneFilePerStation(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("gen");
        CliResult r = Cli.run(new GenerateCommand(), "--stations", "3", "--hours", "10", "--output", out.toString());
        assertEquals(0, r.exitCode(), r.toString());
        for (String name : new String[] {"station-01.csv", "station-02.csv", "station-03.csv"}) {
            assertEquals(11, Files.readAllLines(out.resolve(name)).size(), name);
        }
        assertNotEquals(Files.readString(out.resolve("station-01.csv")), Files.readString(out.resolve("station-02.csv")));
        CliResult toStdout = Cli.run(new GenerateCommand(), "--stations", "3", "--hours", "10");
        assertEquals(2, toStdout.exitCode(), toStdout.toString());
        assertTrue(toStdout.err().contains("--output DIR"), toStdout.err());
    }

    private static void assertRate(Map<Measurement, Integer> missing, Measurement m, double expected, double tolerance,
            long rows) {
        double rate = missing.getOrDefault(m, 0) / (double) rows;
        assertTrue(Math.abs(rate - expected) <= tolerance,
                m + ": missing rate " + rate + ", the real file has " + expected);
    }
}
