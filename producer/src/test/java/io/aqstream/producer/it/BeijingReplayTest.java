package io.aqstream.producer.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqstream.common.MessageHeaders;
import io.aqstream.common.Topics;
import io.aqstream.producer.ProduceCommand;
import io.aqstream.testkit.Cli;
import io.aqstream.testkit.CliResult;
import io.aqstream.testkit.KraftTestNode;
import io.aqstream.testkit.RepoFiles;
import io.aqstream.testkit.WithKraftNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Beijing format through a real node: detected from the header, one message per row keyed by the row's
 * station, in the format's topic; its bad rows named by file:line:column and, under dlq, sent as raw bytes.
 */
@WithKraftNode
class BeijingReplayTest {
    static final String HEADER = "\"No\",\"year\",\"month\",\"day\",\"hour\",\"PM2.5\",\"PM10\",\"SO2\",\"NO2\",\"CO\",\"O3\","
            + "\"TEMP\",\"PRES\",\"DEWP\",\"RAIN\",\"wd\",\"WSPM\",\"station\"";
    static final String R1 = "1,2013,3,1,0,4,4,4,7,300,77,-0.7,1023,-18.8,0,\"NNW\",4.4,\"Aotizhongxin\"";
    static final String R2 = "2,2013,3,1,1,8,8,NA,7,300,77,-1.1,1023.2,-18.2,0,NA,4.7,\"Aotizhongxin\"";
    static final String EMBEDDED = "3,2013,3,1,2,7,7,5,10,300,73,-1.1,1023.5,-18.2,0,\"N, NW\",5.6,\"Aotizhongxin\"";
    static final String UNTERMINATED = "4,2013,3,1,3,6,6,11,11,300,72,-1.4,1024.5,-19.4,0,\"NW,3.1,\"Aotizhongxin\"";
    static final String NA_STATION = "5,2013,3,1,4,3,3,12,12,300,72,-2,1025.2,-19.5,0,\"N\",2,NA";
    static final String SHORT = "6,2013,3,1,5,5,5,18,18,400,66,-2.2,1025.6,-19.6,0,\"N\",3.7";

    @TempDir
    Path dir;
    private final KraftTestNode node;

    BeijingReplayTest(KraftTestNode node) {
        this.node = node;
    }

    @Test
    void theFirstRealRowsLandInTheBeijingTopicKeyedByTheirStation() throws Exception {
        Path real = RepoFiles.beijingFile("Aotizhongxin");
        List<String> head = Files.readAllLines(real).subList(0, 101);
        Path file = dir.resolve(real.getFileName());
        Files.write(file, (String.join("\r\n", head) + "\r\n").getBytes(StandardCharsets.UTF_8));
        CliResult r = Cli.run(new ProduceCommand(), file.toString(), "--bootstrap-server", node.bootstrapServers(),
                "--speed", "max");
        assertEquals(0, r.exitCode(), r.toString());
        List<ConsumerRecord<byte[], byte[]>> rows = awaitCommitted("air-quality-beijing", 100, m -> true);
        assertEquals(100, rows.size());
        ConsumerRecord<byte[], byte[]> first = rows.stream()
                .filter(m -> "2".equals(MessageHeaders.text(m.headers(), MessageHeaders.SOURCE_LINE))).findFirst().get();
        assertEquals("Aotizhongxin", new String(first.key(), StandardCharsets.UTF_8));
        assertEquals("{\"station\":\"Aotizhongxin\",\"timestamp\":\"2013-03-01T00:00:00\",\"pm2_5\":4,\"pm10\":4,\"so2\":4,"
                + "\"no2\":7,\"co\":300,\"o3\":77,\"temp\":-0.7,\"pres\":1023,\"dewp\":-18.8,\"rain\":0,\"wd\":\"NNW\","
                + "\"wspm\":4.4}", new String(first.value(), StandardCharsets.UTF_8));
        assertEquals(file.getFileName().toString(), MessageHeaders.text(first.headers(), MessageHeaders.SOURCE_FILE));
    }

    @Test
    void badBeijingRowsAreNamedAndTheirRawBytesGoToTheDeadLetterTopic() throws Exception {
        // A bad row with bytes that are not UTF-8 (Latin-1 'é'): the dead letter keeps them as they are.
        byte[] latin1 = ("7,2013,3,1,6,3,3,12,12,300,72,-2,1025.2,-19.5,0,\"N\",2,\"Caf\u00e9\",x")
                .getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (String l : List.of(HEADER, R1, R2, EMBEDDED, UNTERMINATED, NA_STATION, SHORT)) {
            content.writeBytes((l + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        content.writeBytes(latin1);
        content.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        Path file = dir.resolve("bad-beijing.csv");
        Files.write(file, content.toByteArray());

        CliResult failed = Cli.run(new ProduceCommand(), file.toString(), "--bootstrap-server", node.bootstrapServers(),
                "--topic", "bj-fail", "--speed", "max");
        assertEquals(3, failed.exitCode(), failed.toString());
        assertTrue(failed.err().contains(file + ":5:16: field wd: found "), failed.err());
        assertTrue(failed.err().contains("unterminated quote") && failed.err().contains("Rows up to line"), failed.err());
        assertFalse(failed.err().contains("\tat "), failed.err());

        CliResult dlq = Cli.run(new ProduceCommand(), file.toString(), "--bootstrap-server", node.bootstrapServers(),
                "--topic", "bj-dlq", "--speed", "max", "--on-error", "dlq");
        assertEquals(0, dlq.exitCode(), dlq.toString());
        assertTrue(dlq.out().contains("rows sent:          3") && dlq.out().contains("rows rejected:      4"), dlq.out());
        assertTrue(dlq.err().contains(":6:18: field station: found NA (missing)"), dlq.err());
        assertTrue(dlq.err().contains(":7:18: field station: found 17 fields"), dlq.err());
        assertTrue(dlq.err().contains(":8:19: field (extra field 19)"), dlq.err());
        List<ConsumerRecord<byte[], byte[]>> sent = awaitCommitted("bj-dlq", 3, m -> true);
        assertEquals(1, sent.stream().map(m -> new String(m.value(), StandardCharsets.UTF_8))
                .filter(v -> v.contains("\"wd\":\"N, NW\"")).count(), "the quoted separator is part of the value");
        List<ConsumerRecord<byte[], byte[]>> dead = awaitCommitted(Topics.DEAD_LETTER, 4,
                m -> file.getFileName().toString().equals(MessageHeaders.text(m.headers(), MessageHeaders.SOURCE_FILE)));
        assertEquals(List.of("5", "6", "7", "8"), dead.stream()
                .map(m -> MessageHeaders.text(m.headers(), MessageHeaders.SOURCE_LINE)).collect(Collectors.toList()));
        assertEquals(List.of("16", "18", "18", "19"), dead.stream()
                .map(m -> MessageHeaders.text(m.headers(), MessageHeaders.ERROR_COLUMN)).collect(Collectors.toList()));
        assertArrayEquals(latin1, dead.get(3).value(), "the raw bytes, not U+FFFD");
    }

    /**
     * The records of {@code topic} that {@code keep} accepts, once there are {@code n}: a commit returns before
     * its markers are written, so a read_committed reader may see it a moment later (the LSO), more so under load.
     */
    private List<ConsumerRecord<byte[], byte[]>> awaitCommitted(String topic, int n,
            Predicate<ConsumerRecord<byte[], byte[]>> keep) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            List<ConsumerRecord<byte[], byte[]>> got = TopicReader.readCommitted(node.bootstrapServers(), topic).stream()
                    .filter(keep).collect(Collectors.toList());
            if (got.size() >= n || System.nanoTime() > deadline) {
                return got;
            }
            Thread.sleep(200);
        }
    }

    @Test
    void aUciFileUnderFormatBeijingAndAnUnknownFormatAreRefusedBeforeKafka() throws Exception {
        Path file = dir.resolve("uci.csv");
        Files.writeString(file, MalformedInputTest.crlf(MalformedInputTest.HEADER, MalformedInputTest.R1));
        CliResult wrong = Cli.run(new ProduceCommand(), file.toString(), "--bootstrap-server", node.bootstrapServers(),
                "--format", "beijing", "--topic", "bj-wrong");
        assertEquals(3, wrong.exitCode(), wrong.toString());
        assertTrue(wrong.err().startsWith("error: " + file + ":1:1: the header is semicolon-separated"), wrong.err());
        assertFalse(TopicReader.exists(node.bootstrapServers(), "bj-wrong"));

        CliResult unknown = Cli.run(new ProduceCommand(), file.toString(), "--bootstrap-server", node.bootstrapServers(),
                "--format", "bejing");
        assertEquals(2, unknown.exitCode(), unknown.toString());
        assertTrue(unknown.err().contains("--format bejing: unknown format; known formats: beijing, uci"), unknown.err());
    }
}
