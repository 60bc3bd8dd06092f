package io.aqstream.common.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.aqstream.common.InvalidMessageException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The message value of any format: {@code {"station":...,"timestamp":"...",<field>:<value>,...}}, the
 * fields in the format's column order. For the UCI format this is byte for byte
 * {@link io.aqstream.common.ReadingJson#toJson} (checked by a test), so the UCI contract is unchanged.
 */
public final class RowJson {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(10_000).build())
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();

    private RowJson() {
    }

    public static byte[] toJson(List<FormatField> fields, FormatRow row) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(320);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("station", row.station());
            json.writeStringField("timestamp", LocalTimestamps.format(row.timestamp()));
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

    /**
     * Parses one message value of a format with these fields, as strictly as
     * {@link io.aqstream.common.ReadingJson#fromJson} and with the same messages: every field present
     * ({@code null} when missing), numbers finite, texts strings; unknown extra fields are ignored so that
     * newer producers can add fields.
     *
     * @throws InvalidMessageException naming what is wrong
     */
    public static FormatRow fromJson(List<FormatField> fields, byte[] value) throws InvalidMessageException {
        return new Reader(fields).read(value);
    }

    /**
     * {@link #fromJson} for many messages of one format: the field index is built once, not per message (a
     * map per row was 7% of bin/consume's time).
     */
    public static final class Reader {
        private final List<FormatField> fields;
        private final Map<String, Integer> index = new HashMap<>();

        public Reader(List<FormatField> fields) {
            this.fields = List.copyOf(fields);
            for (int i = 0; i < fields.size(); i++) {
                index.put(fields.get(i).name(), i);
            }
        }

        /** See {@link RowJson#fromJson}. */
        public FormatRow read(byte[] value) throws InvalidMessageException {
            return RowJson.read(fields, index, value);
        }
    }

    private static FormatRow read(List<FormatField> fields, Map<String, Integer> index, byte[] value)
            throws InvalidMessageException {
        if (value == null) {
            throw new InvalidMessageException("the message has no value (null)");
        }
        String station = null;
        LocalDateTime timestamp = null;
        Object[] values = new Object[fields.size()];
        boolean[] seen = new boolean[values.length];
        try (JsonParser json = FACTORY.createParser(value)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidMessageException("expected a JSON object, found " + describe(json.currentToken()));
            }
            JsonToken token;
            while ((token = json.nextToken()) == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken valueToken = json.nextToken();
                if ("station".equals(field)) {
                    if (valueToken != JsonToken.VALUE_STRING || json.getText().isBlank()) {
                        throw new InvalidMessageException("field 'station' must be a non-empty string, found "
                                + describe(valueToken));
                    }
                    station = json.getText();
                } else if ("timestamp".equals(field)) {
                    timestamp = parseTimestamp(json, valueToken);
                } else {
                    Integer i = index.get(field);
                    if (i == null) {
                        json.skipChildren();
                        continue;
                    }
                    seen[i] = true;
                    values[i] = value(json, valueToken, field, fields.get(i).type());
                }
            }
            if (token != JsonToken.END_OBJECT) {
                throw new InvalidMessageException("malformed JSON object");
            }
            if (json.nextToken() != null) {
                throw new InvalidMessageException("unexpected content after the JSON object");
            }
        } catch (JsonProcessingException e) {
            throw new InvalidMessageException("not valid JSON at character "
                    + (e.getLocation() == null ? "?" : String.valueOf(e.getLocation().getCharOffset() + 1))
                    + ": " + plain(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new InvalidMessageException("not valid JSON: " + plain(e.getMessage()));
        }
        if (station == null) {
            throw new InvalidMessageException("field 'station' is missing");
        }
        if (timestamp == null) {
            throw new InvalidMessageException("field 'timestamp' is missing");
        }
        for (int i = 0; i < seen.length; i++) {
            if (!seen[i]) {
                throw new InvalidMessageException("field '" + fields.get(i).name()
                        + "' is missing (use null for a missing value)");
            }
        }
        return new FormatRow(station, timestamp, values);
    }

    private static Object value(JsonParser json, JsonToken token, String field, FormatField.Type type)
            throws IOException, InvalidMessageException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (type == FormatField.Type.TEXT) {
            if (token != JsonToken.VALUE_STRING) {
                throw new InvalidMessageException("field '" + field + "' must be a string or null, found "
                        + describe(token));
            }
            return json.getText();
        }
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            double d = json.getDoubleValue();
            if (!Double.isFinite(d)) {
                throw new InvalidMessageException("field '" + field + "' is not a finite number");
            }
            return d;
        }
        throw new InvalidMessageException("field '" + field + "' must be a number or null, found " + describe(token));
    }

    private static LocalDateTime parseTimestamp(JsonParser json, JsonToken token)
            throws IOException, InvalidMessageException {
        if (token != JsonToken.VALUE_STRING) {
            throw new InvalidMessageException("field 'timestamp' must be an ISO-8601 local date-time string"
                    + " such as \"2004-03-10T18:00:00\", found " + describe(token));
        }
        try {
            return LocalTimestamps.parse(json.getText());
        } catch (DateTimeParseException e) {
            throw new InvalidMessageException("field 'timestamp' is not an ISO-8601 local date-time such as"
                    + " \"2004-03-10T18:00:00\": \"" + json.getText() + "\"");
        }
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        switch (token) {
            case VALUE_STRING: return "a string";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT: return "a number";
            case VALUE_TRUE:
            case VALUE_FALSE: return "a boolean";
            case VALUE_NULL: return "null";
            case START_OBJECT: return "an object";
            case START_ARRAY: return "an array";
            default: return token.asString() == null ? token.name() : token.asString();
        }
    }

    /** Jackson's message without its source excerpt and location details, which mean nothing to a user. */
    private static String plain(String message) {
        if (message == null) {
            return "unreadable";
        }
        int cut = message.length();
        for (String marker : new String[] {"\n", " (start marker", " (for "}) {
            int i = message.indexOf(marker);
            if (i >= 0 && i < cut) {
                cut = i;
            }
        }
        return message.substring(0, cut);
    }
}
