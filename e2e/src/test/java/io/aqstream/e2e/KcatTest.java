package io.aqstream.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqstream.common.AirQualityReading;
import io.aqstream.common.Measurement;
import io.aqstream.common.ReadingJson;
import io.aqstream.testkit.ExternalTools;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Debian's kcat (librdkafka, nothing here wrote it) reads the topic of the shared bin/pipeline run on
 * the real file with read_committed, as docs/contracts.md shows, and sees exactly the replayed rows: one
 * message per CSV data line, keyed by the station, whose JSON value equals that line.
 */
@ExtendWith(RealFilePipeline.Resolver.class)
class KcatTest {
    static RealFilePipeline pipeline;
    static CsvRows csv;

    @BeforeAll
    static void run(RealFilePipeline run) throws Exception {
        pipeline = run;
        run.assertSucceeded();
        csv = CsvRows.read(run.csv());
    }

    @Test
    void readsExactlyTheReplayedRowsWithReadCommitted() throws Exception {
        Path kcat = ExternalTools.kcat();
        Path dir = pipeline.scratch("kcat");
        Path out = dir.resolve("kcat.out");
        Path err = dir.resolve("kcat.err");
        // -C consume from the beginning (kcat's default offset), -e exit at the end of every partition,
        // -q no informational lines; key, headers and value per message, tab-separated.
        Process p = new ProcessBuilder(kcat.toString(), "-C", "-b", pipeline.node().bootstrapServers(),
                "-t", "air-quality-data", "-X", "isolation.level=read_committed", "-e", "-q",
                "-f", "%k\\t%h\\t%s\\n")
                .redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        boolean done = p.waitFor(5, TimeUnit.MINUTES); // a hang guard only
        if (!done) {
            p.destroyForcibly();
        }
        String errText = Files.readString(err);
        assertTrue(done, "kcat did not finish\n" + errText);
        assertEquals(0, p.exitValue(), "kcat exit code\n" + errText);

        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertEquals(9357, lines.size(), "messages kcat read\n" + errText);
        Set<Integer> seenLines = new HashSet<>();
        String firstValue = null;
        for (String line : lines) {
            String[] parts = line.split("\t", 3);
            assertEquals(3, parts.length, line);
            assertEquals("AirQualityUCI", parts[0], "key: the station\n" + line);
            Map<String, String> headers = headers(parts[1]);
            assertEquals("AirQualityUCI.csv", headers.get("aq.source.file"), line);
            assertEquals("1", headers.get("aq.schema.version"), line);
            int csvLine = Integer.parseInt(headers.get("aq.source.line"));
            assertTrue(seenLines.add(csvLine), "line " + csvLine + " twice");
            if (csvLine == 2) {
                firstValue = parts[2];
            }
            CsvRows.Row expected = csv.byLine.get(csvLine);
            assertNotNull(expected, "no CSV data row at line " + csvLine);

            AirQualityReading reading = ReadingJson.fromJson(parts[2].getBytes(StandardCharsets.UTF_8));
            assertEquals("AirQualityUCI", reading.station(), line);
            assertEquals(expected.timestamp(), reading.timestamp(), line);
            Double[] actual = new Double[Measurement.ALL.size()];
            for (Measurement m : Measurement.ALL) {
                actual[m.ordinal()] = reading.value(m);
            }
            assertArrayEquals(expected.values(), actual, "CSV line " + csvLine + ": " + line);
        }
        assertEquals(csv.byLine.keySet(), seenLines, "every CSV data line exactly once");

        // The first message of docs/contracts.md's example, byte for byte as kcat printed it.
        assertEquals("{\"station\":\"AirQualityUCI\",\"timestamp\":\"2004-03-10T18:00:00\",\"co_gt\":2.6,"
                + "\"pt08_s1_co\":1360,\"nmhc_gt\":150,\"c6h6_gt\":11.9,\"pt08_s2_nmhc\":1046,\"nox_gt\":166,"
                + "\"pt08_s3_nox\":1056,\"no2_gt\":113,\"pt08_s4_no2\":1692,\"pt08_s5_o3\":1268,\"t\":13.6,"
                + "\"rh\":48.9,\"ah\":0.7578}", firstValue);
    }

    /** kcat's %h: {@code name=value} pairs separated by commas. */
    private static Map<String, String> headers(String text) {
        Map<String, String> headers = new HashMap<>();
        for (String pair : text.split(",")) {
            int eq = pair.indexOf('=');
            assertTrue(eq > 0, "header " + pair + " in " + text);
            headers.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return headers;
    }
}
