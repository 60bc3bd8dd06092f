package io.aqstream.producer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqstream.common.MessageHeaders;
import io.aqstream.common.Topics;
import io.aqstream.producer.ProduceCommand;
import io.aqstream.testkit.Cli;
import io.aqstream.testkit.CliResult;
import io.aqstream.testkit.KraftTestNode;
import io.aqstream.testkit.WithKraftNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed inputs, each with its expected outcome under fail, skip or dlq, against one shared real node.
 * Each case has its own topic and file name, so counts never mix.
 */
@WithKraftNode
class MalformedInputTest {
    static final String HEADER = "Date;Time;CO(GT);PT08.S1(CO);NMHC(GT);C6H6(GT);PT08.S2(NMHC);NOx(GT);PT08.S3(NOx);"
            + "NO2(GT);PT08.S4(NO2);PT08.S5(O3);T;RH;AH;;";
    static final String R1 = "10/03/2004;18.00.00;2,6;1360;150;11,9;1046;166;1056;113;1692;1268;13,6;48,9;0,7578;;";
    static final String R2 = "10/03/2004;19.00.00;2;1292;112;9,4;955;103;1174;92;1559;972;13,3;47,7;0,7255;;";
    static final String R3 = "10/03/2004;20.00.00;-200,0;1402;-200;9,0;939;131;1140;114;1555;1074;11,9;54,0;0,7502;;";
    static final String EMPTY = ";;;;;;;;;;;;;;;;";
    static final String FIELDS_14 = "10/03/2004;19.00.00;2;1292;112;9,4;955;103;1174;92;1559;972;13,3;47,7";
    static final String BAD_NUMBER = "10/03/2004;19.00.00;2x;1292;112;9,4;955;103;1174;92;1559;972;13,3;47,7;0,7255;;";
    static final String BAD_DATE = "2004-03-10;19.00.00;2;1292;112;9,4;955;103;1174;92;1559;972;13,3;47,7;0,7255;;";
    static final String BAD_TIME = "10/03/2004;19:00:00;2;1292;112;9,4;955;103;1174;92;1559;972;13,3;47,7;0,7255;;";
    static final String DOT_DECIMAL = "10/03/2004;19.00.00;2;1292;112;9.4;955;103;1174;92;1559;972;13,3;47,7;0,7255;;";
    private static final AtomicInteger IDS = new AtomicInteger();

    @TempDir
    static Path dir;
    private final KraftTestNode node;

    MalformedInputTest(KraftTestNode node) {
        this.node = node;
    }

    /**
     * @param rows rows a read_committed reader sees afterwards; -1: the topic must not even exist (nothing
     *     reached Kafka)
     * @param deadLetters records in the dead-letter topic from this case's file
     * @param badColumn column the dead-letter headers must name (when deadLetters > 0)
     */
    record Case(String name, String content, String onError, int exit, String message, int rows, int deadLetters,
            int badColumn) {
        @Override
        public String toString() {
            return name + " (--on-error " + onError + ")";
        }
    }

    static String crlf(String... lines) {
        return Stream.of(lines).map(l -> l + "\r\n").collect(Collectors.joining());
    }

    static Stream<Case> cases() {
        return Stream.of(
            new Case("missing file", null, "fail", 3, "no such file", -1, 0, 0),
            new Case("a directory", "<dir>", "fail", 3, "is a directory", -1, 0, 0),
            new Case("empty file", "", "fail", 3, "the file is empty", -1, 0, 0),
            new Case("header only", crlf(HEADER), "fail", 3, "no data rows", -1, 0, 0),
            new Case("header and empty rows only", crlf(HEADER, EMPTY, EMPTY), "skip", 3, "no data rows", -1, 0, 0),
            new Case("comma-separated export", crlf(HEADER.replace(';', ','), R1.replace(";", ",")), "dlq", 3,
                "comma-separated", -1, 0, 0),
            new Case("wrong header", crlf(HEADER.replace("NOx(GT)", "NOX"), R1), "skip", 3,
                ":1:8: header field 8 is \"NOX\", expected \"NOx(GT)\"", -1, 0, 0),
            new Case("no header", crlf(R1, R2), "fail", 3, "no header line", -1, 0, 0),
            new Case("binary file", "\u0000\u0001PK\u0003\u0004garbage", "fail", 3, "header", -1, 0, 0),
            new Case("CRLF, the real format", crlf(HEADER, R1, R2, R3), "fail", 0, "rows sent:          3", 3, 0, 0),
            new Case("LF only", (HEADER + "\n" + R1 + "\n" + R2 + "\n" + R3 + "\n"), "fail", 0, "rows sent:          3",
                3, 0, 0),
            new Case("UTF-8 BOM", "\uFEFF" + crlf(HEADER, R1, R2, R3), "fail", 0, "rows sent:          3", 3, 0, 0),
            new Case("no line end on the last row", crlf(HEADER, R1, R2) + R3, "fail", 0, "rows sent:          3", 3, 0, 0),
            new Case("empty rows between and after", crlf(HEADER, R1, EMPTY, R2, "", R3, EMPTY), "fail", 0,
                "empty rows skipped: 3", 3, 0, 0),
            new Case("-200 and -200,0 as missing", crlf(HEADER, R3), "fail", 0, "rows sent:          1", 1, 0, 0),
            new Case("wrong field count", crlf(HEADER, R1, FIELDS_14, R3), "fail", 3,
                ":3:15: field AH: found 14 fields", 0, 0, 0),
            new Case("wrong field count", crlf(HEADER, R1, FIELDS_14, R3), "skip", 0, "rows rejected:      1", 2, 0, 0),
            new Case("wrong field count", crlf(HEADER, R1, FIELDS_14, R3), "dlq", 0, "rows rejected:      1", 2, 1, 15),
            new Case("unparsable number", crlf(HEADER, R1, BAD_NUMBER, R3), "fail", 3,
                ":3:3: field CO(GT): found \"2x\", expected a number", 0, 0, 0),
            new Case("unparsable number", crlf(HEADER, R1, BAD_NUMBER, R3), "dlq", 0, "rows rejected:      1", 2, 1, 3),
            new Case("decimal dot", crlf(HEADER, R1, DOT_DECIMAL, R3), "fail", 3, ":3:6: field C6H6(GT)", 0, 0, 0),
            new Case("bad date", crlf(HEADER, R1, BAD_DATE, R3), "fail", 3, ":3:1: field Date", 0, 0, 0),
            new Case("bad date", crlf(HEADER, R1, BAD_DATE, R3), "skip", 0, "rows rejected:      1", 2, 0, 0),
            new Case("bad time", crlf(HEADER, R1, BAD_TIME, R3), "fail", 3, ":3:2: field Time", 0, 0, 0),
            new Case("bad time", crlf(HEADER, R1, BAD_TIME, R3), "dlq", 0, "rows rejected:      1", 2, 1, 2),
            new Case("every row bad", crlf(HEADER, BAD_DATE, BAD_TIME), "dlq", 0, "rows rejected:      2", 0, 2, 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachMalformedInputHasItsExpectedOutcome(Case c) throws Exception {
        int id = IDS.incrementAndGet();
        String topic = "malformed-" + id;
        Path file = dir.resolve("case-" + id + ".csv");
        if ("<dir>".equals(c.content)) {
            Files.createDirectories(file);
        } else if (c.content != null) {
            Files.write(file, c.content.getBytes(StandardCharsets.UTF_8));
        }
        CliResult r = Cli.run(new ProduceCommand(), file.toString(), "--bootstrap-server", node.bootstrapServers(),
                "--topic", topic, "--speed", "max", "--on-error", c.onError);
        assertEquals(c.exit, r.exitCode(), r.toString());
        assertTrue((r.out() + r.err()).contains(c.message), "expected '" + c.message + "' in\n" + r);
        if (c.exit != 0) {
            // Errors found while sending follow the announced wait for Kafka; those found before, not.
            assertTrue(r.err().replaceFirst("^waiting for Kafka at .*\\R", "").startsWith("error: " + file),
                    "the error names the file: " + r.err());
            assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        }
        if (c.rows < 0) {
            assertFalse(TopicReader.exists(node.bootstrapServers(), topic), "nothing may reach Kafka: " + r);
        } else {
            assertEquals(c.rows, TopicReader.readCommitted(node.bootstrapServers(), topic).size(), r.toString());
        }
        if (c.rows >= 0 || c.deadLetters > 0) {
            List<ConsumerRecord<byte[], byte[]>> dlq = deadLetters(file.getFileName().toString());
            assertEquals(c.deadLetters, dlq.size());
            if (c.deadLetters > 0) {
                ConsumerRecord<byte[], byte[]> d = dlq.get(0);
                String raw = new String(d.value(), StandardCharsets.UTF_8);
                String[] lines = c.content.split("\r\n");
                long line = Long.parseLong(MessageHeaders.text(d.headers(), MessageHeaders.SOURCE_LINE));
                assertEquals(lines[(int) line - 1], raw, "the raw line as in the file");
                assertEquals(String.valueOf(c.badColumn), MessageHeaders.text(d.headers(), MessageHeaders.ERROR_COLUMN));
                assertEquals("producer", MessageHeaders.text(d.headers(), MessageHeaders.ERROR_STAGE));
                assertTrue(MessageHeaders.text(d.headers(), MessageHeaders.ERROR_REASON).contains("expected"));
            }
        }
    }

    private List<ConsumerRecord<byte[], byte[]>> deadLetters(String fileName) throws Exception {
        if (!TopicReader.exists(node.bootstrapServers(), Topics.DEAD_LETTER)) {
            return List.of();
        }
        return TopicReader.readCommitted(node.bootstrapServers(), Topics.DEAD_LETTER).stream()
                .filter(r -> fileName.equals(MessageHeaders.text(r.headers(), MessageHeaders.SOURCE_FILE)))
                .collect(Collectors.toList());
    }

    /** --on-error fail keeps what was committed; after fixing the row, the same command continues after it. */
    @Test
    void aBadRowStopsTheReplayAndTheSameCommandContinuesOnceItIsFixed() throws Exception {
        Path sub = Files.createDirectories(dir.resolve("fix"));
        Path file = sub.resolve("fixme.csv");
        String r4 = R1.replace("18.00.00", "21.00.00");
        String r5 = R1.replace("18.00.00", "22.00.00");
        Files.writeString(file, crlf(HEADER, R1, R2, r4, BAD_TIME, r5));
        String[] args = {file.toString(), "--bootstrap-server", node.bootstrapServers(), "--topic", "fixme",
            "--speed", "max", "--batch-size", "2"};
        CliResult failed = Cli.run(new ProduceCommand(), args);
        assertEquals(3, failed.exitCode(), failed.toString());
        assertTrue(failed.err().contains(":5:2: field Time") && failed.err().contains("Rows up to line 3 are committed"),
                failed.err());
        assertEquals(2, TopicReader.readCommitted(node.bootstrapServers(), "fixme").size(), "line 4 was aborted");

        Files.writeString(file, crlf(HEADER, R1, R2, r4, R3, r5));
        CliResult fixed = Cli.run(new ProduceCommand(), args);
        assertEquals(0, fixed.exitCode(), fixed.toString());
        assertTrue(fixed.out().contains("resumed after line: 3"), fixed.out());
        List<ConsumerRecord<byte[], byte[]>> all = TopicReader.readCommitted(node.bootstrapServers(), "fixme");
        Set<String> lines = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> r : all) {
            assertTrue(lines.add(MessageHeaders.text(r.headers(), MessageHeaders.SOURCE_LINE)), "no duplicates");
        }
        assertEquals(Set.of("2", "3", "4", "5", "6"), lines);
    }

    /** The same replay id over a file whose already-sent lines changed: refused, unless --from-start. */
    @Test
    void aDifferentFileUnderTheSameNameIsNotResumedBlindly() throws Exception {
        Path a = Files.createDirectories(dir.resolve("a")).resolve("same.csv");
        Path b = Files.createDirectories(dir.resolve("b")).resolve("same.csv");
        Files.writeString(a, crlf(HEADER, R1, R2));
        Files.writeString(b, crlf(HEADER, R2, R1, R3));
        List<String> common = List.of("--bootstrap-server", node.bootstrapServers(), "--topic", "same", "--speed", "max");
        CliResult first = Cli.run(new ProduceCommand(), withFile(a, common));
        assertEquals(0, first.exitCode(), first.toString());
        CliResult other = Cli.run(new ProduceCommand(), withFile(b, common));
        assertEquals(3, other.exitCode(), other.toString());
        assertTrue(other.err().contains("different content") && other.err().contains("--from-start"), other.err());
        assertEquals(2, TopicReader.readCommitted(node.bootstrapServers(), "same").size());

        // A file that only grew resumes: the lines already sent are unchanged.
        Files.writeString(a, crlf(HEADER, R1, R2, R3));
        CliResult grown = Cli.run(new ProduceCommand(), withFile(a, common));
        assertEquals(0, grown.exitCode(), grown.toString());
        assertTrue(grown.out().contains("rows sent:          1"), grown.out());

        List<String> fromStart = new ArrayList<>(common);
        fromStart.add("--from-start");
        CliResult restarted = Cli.run(new ProduceCommand(), withFile(b, fromStart));
        assertEquals(0, restarted.exitCode(), restarted.toString());
        assertEquals(6, TopicReader.readCommitted(node.bootstrapServers(), "same").size());
    }

    private static String[] withFile(Path file, List<String> args) {
        List<String> all = new ArrayList<>();
        all.add(file.toString());
        all.addAll(args);
        return all.toArray(new String[0]);
    }
}
