package io.aqstream.producer.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {
    private static List<String> lines(String text) throws IOException {
        return lines(text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> lines(byte[] bytes) throws IOException {
        List<String> out = new ArrayList<>();
        try (LineReader r = new LineReader(new ByteArrayInputStream(bytes))) {
            String l;
            while ((l = r.next()) != null) {
                out.add(r.lineNumber() + ":" + l);
            }
            assertNull(r.next());
            boolean ascii = true;
            for (byte b : bytes) {
                ascii &= b >= 0;
            }
            if (ascii) {
                assertEquals(bytes.length, r.bytesRead(), "position at the end = file size");
            }
        }
        return out;
    }

    @Test
    void crlfLfAndLoneCrEndLines() throws IOException {
        assertEquals(List.of("1:a", "2:b", "3:c"), lines("a\r\nb\r\nc\r\n"));
        assertEquals(List.of("1:a", "2:b", "3:c"), lines("a\nb\nc\n"));
        assertEquals(List.of("1:a", "2:b", "3:c"), lines("a\rb\r\nc"));
    }

    @Test
    void emptyLinesCountAndTheLastLineNeedsNoLineEnd() throws IOException {
        assertEquals(List.of("1:a", "2:", "3:b"), lines("a\r\n\r\nb"));
        assertEquals(List.of(), lines(""));
    }

    @Test
    void utf8ByteOrderMarkIsRemovedFromTheFirstLineOnly() throws IOException {
        assertEquals(List.of("1:Date;Time", "2:\uFEFFx"), lines("\uFEFFDate;Time\r\n\uFEFFx\r\n"));
    }

    @Test
    void crlfSplitAcrossBufferBoundaries() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            sb.append("row").append(i).append("\r\n");
        }
        List<String> got = lines(sb.toString());
        assertEquals(20_000, got.size());
        assertEquals("20000:row19999", got.get(19_999));
    }
}
