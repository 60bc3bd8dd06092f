package io.aqstream.admin;

import io.aqstream.common.AirQualityReading;
import io.aqstream.common.InvalidMessageException;
import io.aqstream.common.Measurement;
import io.aqstream.common.MessageHeaders;
import io.aqstream.common.ReadingJson;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** One readable line per Kafka record: decoded readings, raw text for other topics, reasons for dead letters. */
final class RecordLines {
    /** The measurements course analyses use most; the others would make the line too long to read. */
    static final List<Measurement> SHOWN = List.of(Measurement.CO_GT, Measurement.NOX_GT, Measurement.NO2_GT,
            Measurement.C6H6_GT, Measurement.T, Measurement.RH, Measurement.AH);
    private static final int MAX_RAW = 300;

    private RecordLines() {
    }

    /** {@code p0@41 2026-...Z key=... | 2004-03-10T18:00 station co_gt=2.6 ... [AirQualityUCI.csv:2]}. */
    static String reading(ConsumerRecord<byte[], byte[]> r) {
        StringBuilder line = new StringBuilder(where(r));
        try {
            AirQualityReading reading = ReadingJson.fromJson(r.value());
            line.append(" | ").append(reading.timestamp()).append(' ').append(reading.station());
            for (Measurement m : SHOWN) {
                Double v = reading.value(m);
                line.append(' ').append(m.column()).append('=').append(v == null ? "null" : number(v));
            }
        } catch (InvalidMessageException e) {
            line.append(" | not a valid reading (").append(e.getMessage()).append("): ").append(text(r.value()));
        }
        String file = MessageHeaders.text(r.headers(), MessageHeaders.SOURCE_FILE);
        String lineNo = MessageHeaders.text(r.headers(), MessageHeaders.SOURCE_LINE);
        if (file != null || lineNo != null) {
            line.append(" [").append(file == null ? "?" : file).append(':').append(lineNo == null ? "?" : lineNo).append(']');
        }
        return line.toString();
    }

    /** Any other topic: the value as text. */
    static String raw(ConsumerRecord<byte[], byte[]> r) {
        return where(r) + " | " + text(r.value());
    }

    /** A dead letter over two or three lines: where it came from and why, then the rejected content. */
    static String deadLetter(ConsumerRecord<byte[], byte[]> r) {
        String stage = MessageHeaders.text(r.headers(), MessageHeaders.ERROR_STAGE);
        String reason = MessageHeaders.text(r.headers(), MessageHeaders.ERROR_REASON);
        String column = MessageHeaders.text(r.headers(), MessageHeaders.ERROR_COLUMN);
        String origin = MessageHeaders.text(r.headers(), MessageHeaders.ERROR_ORIGIN);
        String file = MessageHeaders.text(r.headers(), MessageHeaders.SOURCE_FILE);
        String lineNo = MessageHeaders.text(r.headers(), MessageHeaders.SOURCE_LINE);
        StringBuilder out = new StringBuilder(where(r));
        out.append(" rejected by ").append(stage == null ? "?" : stage);
        if (file != null || lineNo != null) {
            out.append(" at ").append(file == null ? "?" : file).append(" line ").append(lineNo == null ? "?" : lineNo);
            if (column != null) {
                out.append(" column ").append(column);
            }
        } else if (column != null) {
            out.append(" at column ").append(column);
        }
        if (origin != null) {
            out.append(" (message ").append(origin).append(')');
        }
        out.append(System.lineSeparator()).append("    reason: ").append(reason == null ? "(no reason header)" : reason);
        out.append(System.lineSeparator()).append("    content: ").append(text(r.value()));
        return out.toString();
    }

    private static String where(ConsumerRecord<byte[], byte[]> r) {
        return "p" + r.partition() + "@" + r.offset() + " " + Instant.ofEpochMilli(r.timestamp())
                + " key=" + (r.key() == null ? "null" : text(r.key()));
    }

    /** UTF-8 text on one line: control characters escaped, long values cut. */
    static String text(byte[] bytes) {
        if (bytes == null) {
            return "null";
        }
        String s = new String(bytes, StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length() && out.length() < MAX_RAW; i++) {
            char c = s.charAt(i);
            if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (Character.isISOControl(c) || c == '\uFFFD') {
                out.append(String.format("\\x%02x", (int) c & 0xff));
            } else {
                out.append(c);
            }
        }
        if (out.length() >= MAX_RAW && s.length() > MAX_RAW) {
            out.append("... (").append(bytes.length).append(" bytes)");
        }
        return out.toString();
    }

    /** A value as the CSV would show it: {@code 2.6}, {@code 1360}, never {@code 1.36E3}. */
    static String number(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
