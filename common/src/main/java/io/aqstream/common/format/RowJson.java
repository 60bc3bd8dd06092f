package io.aqstream.common.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The message value of any format: {@code {"station":...,"timestamp":"...",<field>:<value>,...}}, the
 * fields in the format's column order. For the UCI format this is byte for byte
 * {@link io.aqstream.common.ReadingJson#toJson} (checked by a test), so the UCI contract is unchanged.
 */
public final class RowJson {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ISO_LOCAL_DATE_TIME;

    private RowJson() {
    }

    public static byte[] toJson(List<FormatField> fields, FormatRow row) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(320);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("station", row.station());
            json.writeStringField("timestamp", TIMESTAMP.format(row.timestamp()));
            Object[] values = row.values();
            for (int i = 0; i < values.length; i++) {
                json.writeFieldName(fields.get(i).name());
                Object v = values[i];
                if (v == null) {
                    json.writeNull();
                } else if (v instanceof String) {
                    json.writeString((String) v);
                } else {
                    double d = (Double) v;
                    // Whole numbers without a fraction (1360, not 1360.0), as ReadingJson writes them.
                    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                        json.writeNumber((long) d);
                    } else {
                        json.writeNumber(d);
                    }
                }
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen: writing to memory", e);
        }
        return out.toByteArray();
    }
}
