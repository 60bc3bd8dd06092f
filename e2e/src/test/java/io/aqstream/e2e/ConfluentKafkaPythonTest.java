package io.aqstream.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqstream.testkit.ExternalTools;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Debian's python3-confluent-kafka (what the course's Python code uses; librdkafka underneath) consumes
 * the topic of the shared bin/pipeline run on the real file with read_committed and decodes every value
 * with json.loads (testkit's confluent_kafka_consume.py); what it prints is compared with the CSV.
 */
@ExtendWith(RealFilePipeline.Resolver.class)
class ConfluentKafkaPythonTest {
    /** The script's own time limit, a hang guard only. */
    private static final int SCRIPT_TIME_LIMIT_SECONDS = 180;

    static RealFilePipeline pipeline;
    static CsvRows csv;

    @BeforeAll
    static void run(RealFilePipeline run) throws Exception {
        pipeline = run;
        run.assertSucceeded();
        csv = CsvRows.read(run.csv());
    }

    @Test
    void consumesAndDecodesEveryReplayedRow() throws Exception {
        Path python = ExternalTools.pythonWithConfluentKafka();
        Path script = ExternalTools.confluentKafkaConsumeScript();
        Path dir = pipeline.scratch("confluent-kafka");
        Path out = dir.resolve("python.out");
        Path err = dir.resolve("python.err");
        Process p = new ProcessBuilder(python.toString(), script.toString(), pipeline.node().bootstrapServers(),
                "air-quality-data", "aq-e2e-python-" + UUID.randomUUID(), "9357",
                Integer.toString(SCRIPT_TIME_LIMIT_SECONDS))
                .redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        boolean done = p.waitFor(SCRIPT_TIME_LIMIT_SECONDS + 60, TimeUnit.SECONDS); // a hang guard only
        if (!done) {
            p.destroyForcibly();
        }
        String errText = Files.readString(err);
        assertTrue(done, "the Python consumer did not finish\n" + errText);
        assertEquals(0, p.exitValue(), "the Python consumer's exit code\n" + errText);

        Long count = null;
        Map<String, Long> keys = new HashMap<>();
        Map<String, Long> nulls = new LinkedHashMap<>();
        Set<Integer> seenLines = new HashSet<>();
        List<String> mismatches = new ArrayList<>();
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            String[] f = line.split(" ");
            switch (f[0]) {
                case "count" -> count = Long.parseLong(f[1]);
                case "keys" -> keys.put(f[1], Long.parseLong(f[2]));
                case "nulls" -> nulls.put(f[1], Long.parseLong(f[2]));
                case "row" -> {
                    assertEquals(3 + CsvRows.COLUMNS.size(), f.length, line);
                    int csvLine = Integer.parseInt(f[1]);
                    assertTrue(seenLines.add(csvLine), "line " + csvLine + " twice");
                    CsvRows.Row expected = csv.byLine.get(csvLine);
                    assertNotNull(expected, "no CSV data row at line " + csvLine);
                    assertEquals(expected.timestamp(), LocalDateTime.parse(f[2]), line);
                    for (int m = 0; m < CsvRows.COLUMNS.size(); m++) {
                        String v = f[3 + m];
                        Double actual = "null".equals(v) ? null : Double.parseDouble(v);
                        if (!Objects.equals(expected.values()[m], actual)) {
                            mismatches.add("line " + csvLine + " " + CsvRows.COLUMNS.get(m) + ": CSV "
                                    + expected.values()[m] + ", Python " + v);
                        }
                    }
                }
                default -> throw new AssertionError("unexpected output line: " + line);
            }
        }
        assertEquals(9357L, count, "messages the Python consumer read\n" + errText);
        assertEquals(Map.of("AirQualityUCI", 9357L), keys, "message keys");
        Map<String, Long> expectedNulls = new LinkedHashMap<>();
        for (String c : CsvRows.COLUMNS) {
            expectedNulls.put(c, csv.missing(c));
        }
        assertEquals(expectedNulls, nulls, "JSON nulls per measurement (the CSV's -200 cells)");
        assertEquals(1639L, nulls.get("nox_gt"), "NOx(GT) missing in the data set");
        assertEquals(csv.byLine.keySet(), seenLines, "every CSV data line exactly once");
        assertTrue(mismatches.isEmpty(), mismatches.size() + " mismatches, first: "
                + mismatches.subList(0, Math.min(10, mismatches.size())));
    }
}
