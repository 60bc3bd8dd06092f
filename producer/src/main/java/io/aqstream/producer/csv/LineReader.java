package io.aqstream.producer.csv;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Streams the physical lines of a text file, one at a time, with their 1-based line numbers and raw bytes.
 *
 * <p>Why lines are cut here and not by commons-csv: the producer needs the exact raw bytes of a line (they go
 * to the dead-letter topic as they are, even when not UTF-8) and the exact physical line number for every
 * message, including the empty rows it skips. commons-csv then splits each line into fields
 * ({@link FieldSplitter}); a quoted field may therefore not contain a line break. Memory is one buffer plus
 * the current line, whatever the file size.
 *
 * <p>Accepts LF, CRLF and lone CR line ends, a UTF-8 byte-order mark before the first line, and a
 * last line with or without a line end. Bytes that are not UTF-8 become U+FFFD in the text (so a binary
 * file is reported as a wrong header), never in {@link #raw()}.
 */
public final class LineReader implements Closeable {
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private byte[] line = new byte[256];
    private int length;
    private int pos;
    private int limit;
    private boolean skipLf;
    private boolean first = true;
    private long lineNumber;
    /** Bytes of the lines returned so far, line ends included. */
    private long consumed;

    public LineReader(InputStream in) {
        this.in = in;
    }

    /** The next line without its line end, or {@code null} at the end of the input. */
    public String next() throws IOException {
        length = 0;
        boolean any = false;
        while (true) {
            if (pos >= limit) {
                limit = in.read(buffer, 0, buffer.length);
                pos = 0;
                if (limit <= 0) {
                    limit = 0;
                    return any ? finish() : null;
                }
            }
            if (skipLf) {
                skipLf = false;
                if (buffer[pos] == '\n') {
                    pos++;
                    consumed++;
                    continue;
                }
            }
            int start = pos;
            while (pos < limit) {
                byte c = buffer[pos];
                if (c == '\n' || c == '\r') {
                    append(start, pos);
                    pos++;
                    skipLf = c == '\r';
                    consumed++;
                    return finish();
                }
                pos++;
            }
            append(start, pos);
            any = true;
        }
    }

    private void append(int from, int to) {
        int n = to - from;
        if (length + n > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, length + n));
        }
        System.arraycopy(buffer, from, line, length, n);
        length += n;
    }

    private String finish() throws CharacterCodingException {
        lineNumber++;
        consumed += length; // before the byte-order mark is removed: it is in the file
        if (first) {
            first = false;
            if (length >= 3 && line[0] == BOM[0] && line[1] == BOM[1] && line[2] == BOM[2]) {
                System.arraycopy(line, 3, line, 0, length - 3);
                length -= 3;
            }
        }
        if (isAscii()) {
            return new String(line, 0, length, StandardCharsets.ISO_8859_1); // the common case, and the fastest
        }
        CharBuffer chars = decoder.reset().decode(ByteBuffer.wrap(line, 0, length));
        return chars.toString();
    }

    private boolean isAscii() {
        for (int i = 0; i < length; i++) {
            if (line[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /** The bytes of the line last returned by {@link #next()}, as in the file (without its line end). */
    public byte[] raw() {
        return Arrays.copyOf(line, length);
    }

    /** 1-based number of the line last returned by {@link #next()}. */
    public long lineNumber() {
        return lineNumber;
    }

    /** How far into the file the lines returned so far reach, in bytes; unlike the stream position it ignores read-ahead. */
    public long bytesRead() {
        return consumed;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
