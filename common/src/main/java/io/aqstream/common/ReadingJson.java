package io.aqstream.common;

import io.aqstream.common.format.FormatField;
import io.aqstream.common.format.FormatRow;
import io.aqstream.common.format.RowJson;
import java.util.ArrayList;
import java.util.List;

/**
 * The message value contract of the UCI topic: one flat UTF-8 JSON object per reading.
 *
 * <pre>{"station":"...","timestamp":"2004-03-10T18:00:00","co_gt":2.6,...,"ah":0.7578}</pre>
 *
 * <p>The codec itself is {@link RowJson}, shared by every format; this class fixes its fields to the 13
 * {@link Measurement}s and speaks {@link AirQualityReading}.
 */
public final class ReadingJson {
    /** Version of this contract; carried in every message's {@link MessageHeaders#SCHEMA_VERSION}. */
    public static final String SCHEMA_VERSION = "1";

    /** The 13 measurements as format fields, in CSV order (Date and Time are columns 1 and 2). */
    public static final List<FormatField> FIELDS = fields();
    private static final RowJson.Reader READER = new RowJson.Reader(FIELDS);

    private ReadingJson() {
    }

    private static List<FormatField> fields() {
        List<FormatField> out = new ArrayList<>();
        for (Measurement m : Measurement.ALL) {
            out.add(new FormatField(m.csvHeader(), m.ordinal() + 2, m.column(), FormatField.Type.NUMBER, m.unit(),
                    m.description()));
        }
        return List.copyOf(out);
    }

    public static byte[] toJson(AirQualityReading reading) {
        Object[] values = new Object[FIELDS.size()];
        for (Measurement m : Measurement.ALL) {
            values[m.ordinal()] = reading.value(m);
        }
        return RowJson.toJson(FIELDS, new FormatRow(reading.station(), reading.timestamp(), values));
    }

    /**
     * Parses one message value.
     *
     * @throws InvalidMessageException naming what is wrong, for messages that break the contract
     *     (not JSON, not an object, a field missing or of the wrong type); unknown extra fields are
     *     ignored so that newer producers can add fields
     */
    public static AirQualityReading fromJson(byte[] value) throws InvalidMessageException {
        FormatRow row = READER.read(value);
        Double[] values = new Double[FIELDS.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (Double) row.values()[i];
        }
        return new AirQualityReading(row.station(), row.timestamp(), values);
    }
}
