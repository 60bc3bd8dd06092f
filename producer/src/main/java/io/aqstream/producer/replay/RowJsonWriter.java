package io.aqstream.producer.replay;

import com.fasterxml.jackson.core.io.NumberOutput;
import io.aqstream.common.format.FormatField;
import io.aqstream.common.format.FormatRow;
import io.aqstream.common.format.RowJson;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;

/**
 * Writes a row's message value, byte for byte what {@link RowJson#toJson} writes, in one pass into a buffer
 * that is reused from row to row. Why: Jackson's generator (its set-up per row, a growing output stream, and
 * its shortest-digits algorithm for every double) was about a tenth of bin/produce's samples, on the thread
 * that competes with the sender and the broker for two cores.
 *
 * <p>Only the usual case is written here: texts of printable ASCII that need no escaping, a timestamp of
 * whole seconds in years 0 to 9999, finite numbers. Any other row is written by {@link RowJson#toJson}
 * itself, so what is unusual stays exactly as it was. Not thread-safe: one per thread.
 */
final class RowJsonWriter {
    private static final double[] POW10 = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
        1e13, 1e14, 1e15};
    /** Below this, a double's decimal digits (at most 15) name it alone, and a long holds them exactly. */
    private static final double EXACT_DIGITS = 1e15;
    private static final byte[] STATION = ascii("{\"station\":");
    private static final byte[] TIMESTAMP = ascii(",\"timestamp\":");
    private static final byte[] NULL = ascii("null");

    private final List<FormatField> fields;
    /** {@code ,"name":} of each field, or {@code null} when a name needs escaping (then every row goes to RowJson). */
    private final byte[][] names;
    private byte[] buf = new byte[512];
    private int len;

    RowJsonWriter(List<FormatField> fields) {
        this.fields = List.copyOf(fields);
        byte[][] n = new byte[fields.size()][];
        for (int i = 0; i < n.length; i++) {
            String name = fields.get(i).name();
            if (!plainAscii(name)) {
                n = null;
                break;
            }
            n[i] = ascii(",\"" + name + "\":");
        }
        this.names = n;
    }

    /** @return a new array with the row's JSON, equal to {@code RowJson.toJson(fields, row)} */
    byte[] toJson(FormatRow row) {
        byte[] json = writtenHere(row);
        return json != null ? json : RowJson.toJson(fields, row);
    }

    /** The row's JSON when it is the usual case this class writes itself, else {@code null}. */
    byte[] writtenHere(FormatRow row) {
        return names != null && write(row) ? Arrays.copyOf(buf, len) : null;
    }

    /** @return false, with the buffer's content undefined, when the row is not the usual case */
    private boolean write(FormatRow row) {
        len = 0;
        put(STATION);
        if (!string(row.station())) {
            return false;
        }
        put(TIMESTAMP);
        if (!timestamp(row.timestamp())) {
            return false;
        }
        Object[] values = row.values();
        for (int i = 0; i < values.length; i++) {
            put(names[i]);
            Object v = values[i];
            if (v == null) {
                put(NULL);
            } else if (v instanceof String text) {
                if (!string(text)) {
                    return false;
                }
            } else if (!number((Double) v)) {
                return false;
            }
        }
        room(1);
        buf[len++] = '}';
        return true;
    }

    /** A JSON string of a text that needs no escaping; false for any other text. */
    private boolean string(String s) {
        if (!plainAscii(s)) {
            return false;
        }
        int n = s.length();
        room(n + 2);
        buf[len++] = '"';
        for (int i = 0; i < n; i++) {
            buf[len++] = (byte) s.charAt(i);
        }
        buf[len++] = '"';
        return true;
    }

    /** {@code "yyyy-MM-ddTHH:mm:ss"}, as ISO_LOCAL_DATE_TIME writes a time of whole seconds. */
    private boolean timestamp(LocalDateTime t) {
        int year = t.getYear();
        if (t.getNano() != 0 || year < 0 || year > 9999) {
            return false;
        }
        room(21);
        buf[len++] = '"';
        digits(year, 4);
        buf[len++] = '-';
        digits(t.getMonthValue(), 2);
        buf[len++] = '-';
        digits(t.getDayOfMonth(), 2);
        buf[len++] = 'T';
        digits(t.getHour(), 2);
        buf[len++] = ':';
        digits(t.getMinute(), 2);
        buf[len++] = ':';
        digits(t.getSecond(), 2);
        buf[len++] = '"';
        return true;
    }

    /**
     * As RowJson writes a number: a whole number below 1e15 as a long (1360, not 1360.0), any other as
     * Jackson's fast double writer does, the shortest decimal that reads back as the same double. For a
     * value from 0.001 to 1e7 with at most 15 significant digits (every value of a CSV with a few decimals)
     * that decimal is found here directly: the fewest fraction digits s such that round(|d| 10^s) / 10^s
     * is d again. With 15 digits or fewer, no other decimal of as many digits is that close to d, so it is
     * the one the shortest-digits algorithm picks; and in that range Jackson writes it plainly, not as
     * 1.0E7 or 5.0E-4. Anything else goes to Jackson's own {@link NumberOutput}.
     */
    private boolean number(double d) {
        if (!Double.isFinite(d)) {
            return false; // Jackson writes these as quoted text: RowJson's business
        }
        room(32);
        if (d == Math.rint(d) && Math.abs(d) < EXACT_DIGITS) {
            integer((long) d);
            return true;
        }
        double a = Math.abs(d);
        if (a >= 1e-3 && a < 1e7) {
            for (int s = 1; s < POW10.length; s++) {
                double scaled = a * POW10[s];
                if (scaled >= EXACT_DIGITS) {
                    break;
                }
                long m = Math.round(scaled);
                if (m / POW10[s] == a) {
                    if (d < 0) {
                        buf[len++] = '-';
                    }
                    fixed(m, s);
                    return true;
                }
            }
        }
        put(ascii(NumberOutput.toString(d, true)));
        return true;
    }

    /** The decimal m / 10^scale, scale at least 1, with a leading 0 below 1: 0.05, 12.3. */
    private void fixed(long m, int scale) {
        long whole = m / (long) POW10[scale];
        long fraction = m - whole * (long) POW10[scale];
        integer(whole);
        buf[len++] = '.';
        for (long p = (long) POW10[scale - 1]; p > 0; p /= 10) {
            buf[len++] = (byte) ('0' + fraction / p % 10);
        }
    }

    private void integer(long v) {
        if (v < 0) {
            buf[len++] = '-';
            v = -v;
        }
        int start = len;
        do {
            buf[len++] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v != 0);
        for (int i = start, j = len - 1; i < j; i++, j--) {
            byte b = buf[i];
            buf[i] = buf[j];
            buf[j] = b;
        }
    }

    private void digits(int value, int width) {
        for (int i = len + width - 1; i >= len; i--) {
            buf[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        len += width;
    }

    private void put(byte[] bytes) {
        room(bytes.length);
        System.arraycopy(bytes, 0, buf, len, bytes.length);
        len += bytes.length;
    }

    private void room(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }

    /** Printable ASCII without {@code "} or {@code \}: JSON and Jackson write it as it is. */
    private static boolean plainAscii(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
