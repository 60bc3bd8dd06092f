package io.aqstream.producer.replay;

import io.aqstream.common.format.FormatRow;
import io.aqstream.producer.csv.LineReader;
import io.aqstream.producer.csv.ProfileRowParser;
import io.aqstream.producer.csv.RowException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * Reads, parses and encodes rows on a thread of its own, a bounded distance ahead of the thread that sends
 * them. Why: the sending thread also compresses (the Kafka producer compresses in the caller's thread) and
 * waits for every commit; with parsing and JSON encoding moved here, the two overlap on two cores instead
 * of adding up. Memory stays flat: at most {@value #CHUNKS} chunks of {@value #CHUNK} rows are in flight.
 *
 * <p>Rows come out in file order, each with its line number, raw text and outcome, so the sending thread
 * still decides everything that matters for exactly-once (transactions, checkpoints, fingerprint).
 */
final class RowPipeline<R> implements AutoCloseable {
    static final int CHUNK = 256;
    static final int CHUNKS = 16;

    enum Kind { EMPTY, DATA, BAD }

    /** One line of the file after the header, with what became of it. */
    static final class Row<R> {
        final long line;
        /**
         * The line as {@link LineFingerprint} takes it (UTF-8 and {@code \n}): bytes {@code [textFrom, textTo)}
         * of {@code text}, a block shared by the rows of one chunk.
         */
        final byte[] text;
        final int textFrom;
        final int textTo;
        /** The line's bytes as in the file, for the dead-letter topic; only kept for bad rows. */
        final byte[] rawBytes;
        final Kind kind;
        final LocalDateTime timestamp;
        final R record;
        final RowException error;
        final long bytesRead;

        Row(long line, Text text, byte[] rawBytes, Kind kind, LocalDateTime timestamp, R record, RowException error,
                long bytesRead) {
            this.line = line;
            this.text = text.bytes;
            this.textFrom = text.from;
            this.textTo = text.to;
            this.rawBytes = rawBytes;
            this.kind = kind;
            this.timestamp = timestamp;
            this.record = record;
            this.error = error;
            this.bytesRead = bytesRead;
        }
    }

    /**
     * The lines of one chunk encoded for the fingerprint, one after the other in one array: one encoding
     * and no digest call per line on the sending thread. Sized for the chunk up front, so that the rows'
     * view of it never moves ({@link #add} copies to a larger array only for lines longer than estimated,
     * and then only the rows after it see the new one).
     */
    private static final class Text {
        byte[] bytes = new byte[CHUNK * 320];
        int from;
        int to;

        Text add(String line) {
            byte[] b = line.getBytes(StandardCharsets.UTF_8);
            if (to + b.length + 1 > bytes.length) {
                bytes = new byte[Math.max(bytes.length, b.length + 1)]; // a fresh array: rows before keep theirs
                to = 0;
            }
            from = to;
            System.arraycopy(b, 0, bytes, to, b.length);
            to += b.length;
            bytes[to++] = '\n';
            return this;
        }
    }

    /** Marks the end of the file, or carries what ended the reading: an IOException, a bug, or an Error. */
    private static final class End {
        final Throwable failure;

        End(Throwable failure) {
            this.failure = failure;
        }
    }

    private final BlockingQueue<Object> queue;
    private final Thread thread;
    private volatile boolean closed;
    private Iterator<Row<R>> current = java.util.Collections.emptyIterator();
    private boolean ended;

    /**
     * @param lines positioned after the lines already handled; read by the pipeline's thread from now on
     * @param encode turns a parsed row and its line number into what the sender sends
     */
    RowPipeline(LineReader lines, ProfileRowParser parser, BiFunction<FormatRow, Long, R> encode,
            int pipelinesInProcess) {
        queue = new ArrayBlockingQueue<>(chunks(pipelinesInProcess));
        thread = new Thread(() -> run(lines, parser, encode), "aq-produce-reader");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(LineReader lines, ProfileRowParser parser, BiFunction<FormatRow, Long, R> encode) {
        Object end = new End(null);
        try {
            List<Row<R>> chunk = new ArrayList<>(CHUNK);
            Text text = new Text();
            String line;
            while ((line = lines.next()) != null) {
                long n = lines.lineNumber();
                text.add(line);
                Row<R> row;
                try {
                    FormatRow parsed = parser.parse(line);
                    row = parsed == null ? new Row<>(n, text, null, Kind.EMPTY, null, null, null, lines.bytesRead())
                            : new Row<>(n, text, null, Kind.DATA, parsed.timestamp(), encode.apply(parsed, n), null,
                                    lines.bytesRead());
                } catch (RowException e) {
                    row = new Row<>(n, text, lines.raw(), Kind.BAD, null, null, e, lines.bytesRead());
                }
                chunk.add(row);
                if (chunk.size() == CHUNK) {
                    if (!put(chunk)) {
                        return;
                    }
                    chunk = new ArrayList<>(CHUNK);
                    text = new Text();
                }
            }
            if (!chunk.isEmpty() && !put(chunk)) {
                return;
            }
        } catch (IOException | RuntimeException | Error e) {
            // An Error too (OutOfMemoryError): the sending thread must hear of it, not wait for rows forever.
            end = new End(e);
        }
        put(end);
    }

    /**
     * The queue's length in chunks: {@value #CHUNKS} for one replay; several in one process share that many
     * rows ahead (2 chunks each at least, so that reading and sending still overlap), which keeps memory flat
     * whatever the number of stations.
     */
    static int chunks(int pipelinesInProcess) {
        return Math.max(2, CHUNKS / Math.max(1, pipelinesInProcess));
    }

    /** @return false when the consumer went away */
    private boolean put(Object item) {
        try {
            while (!closed) {
                if (queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /** The next row in file order, or {@code null} at the end of the file. */
    @SuppressWarnings("unchecked")
    Row<R> next() throws IOException {
        while (!current.hasNext()) {
            if (ended) {
                return null;
            }
            Object item;
            try {
                item = queue.poll(1, TimeUnit.SECONDS);
                if (item == null) {
                    if (!thread.isAlive() && queue.isEmpty()) {
                        throw new IllegalStateException("the thread reading the file ended without saying why");
                    }
                    continue;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while reading the file", e);
            }
            if (item instanceof End) {
                ended = true;
                Throwable failure = ((End) item).failure;
                if (failure instanceof IOException io) {
                    throw io;
                }
                if (failure instanceof RuntimeException bug) {
                    throw bug;
                }
                if (failure instanceof Error error) {
                    throw error;
                }
                return null;
            }
            current = ((List<Row<R>>) item).iterator();
        }
        return current.next();
    }

    @Override
    public void close() {
        closed = true;
        queue.clear();
    }
}
