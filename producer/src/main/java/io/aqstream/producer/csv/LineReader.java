package io.aqstream.producer.csv;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Streams the physical lines of a text file, one at a time, with their 1-based line numbers.
 *
 * <p>Why not commons-csv's parser: the producer needs the exact raw line (it goes to the dead-letter
 * topic as is and into the replay fingerprint) and the exact physical line number for every message,
 * including the empty rows it skips. The UCI format has no quoting, so a line is a record. Memory is
 * one buffer plus the current line, whatever the file size.
 *
 * <p>Accepts LF, CRLF and lone CR line ends, a UTF-8 byte-order mark before the first line, and a
 * last line with or without a line end. Bytes that are not UTF-8 become U+FFFD, so a binary file is
 * reported as a wrong header instead of crashing the decoder.
 */
public final class LineReader implements Closeable {
    private final Reader reader;
    private final char[] buffer = new char[64 * 1024];
    private final StringBuilder line = new StringBuilder(256);
    private int pos;
    private int limit;
    private boolean skipLf;
    private boolean first = true;
    private long lineNumber;
    /** Characters of the lines returned so far, line ends included: bytes for ASCII files. */
    private long consumed;

    public LineReader(InputStream in) {
        this.reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE));
    }

    /** The next line without its line end, or {@code null} at the end of the input. */
    public String next() throws IOException {
        line.setLength(0);
        boolean any = false;
        while (true) {
            if (pos >= limit) {
                limit = reader.read(buffer, 0, buffer.length);
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
                char c = buffer[pos];
                if (c == '\n' || c == '\r') {
                    line.append(buffer, start, pos - start);
                    pos++;
                    skipLf = c == '\r';
                    consumed++;
                    return finish();
                }
                pos++;
            }
            line.append(buffer, start, pos - start);
            any = true;
        }
    }

    private String finish() {
        lineNumber++;
        consumed += line.length();
        if (first) {
            first = false;
            if (line.length() > 0 && line.charAt(0) == '\uFEFF') {
                line.deleteCharAt(0);
            }
        }
        return line.toString();
    }

    /** 1-based number of the line last returned by {@link #next()}. */
    public long lineNumber() {
        return lineNumber;
    }

    /**
     * How far into the file the lines returned so far reach, in characters (bytes for the ASCII UCI files,
     * close to it otherwise), for progress and ETA; unlike the stream position it ignores read-ahead.
     */
    public long bytesRead() {
        return consumed;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
