package io.aqstream.common;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The message value contract: one flat UTF-8 JSON object per reading.
 *
 * <pre>{"station":"...","timestamp":"2004-03-10T18:00:00","co_gt":2.6,...,"ah":0.7578}</pre>
 *
 * <p>Written and read with Jackson's streaming API: no reflection, no intermediate tree, so the
 * codec costs little next to Kafka and Parquet. Whole numbers are written without a fraction
 * ({@code 1360}, not {@code 1360.0}) so the JSON reads like the CSV it came from.
 */
public final class ReadingJson {
    /** Version of this contract; carried in every message's {@link MessageHeaders#SCHEMA_VERSION}. */
    public static final String SCHEMA_VERSION = "1";

    // Fast double writer/parser (Schubfach / FastDoubleParser): number text is the producer's hottest
    // spot at full speed; both give the same shortest round-trip digits as Double.toString.
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(10_000).build())
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ISO_LOCAL_DATE_TIME;

    private ReadingJson() {
    }

    public static byte[] toJson(AirQualityReading reading) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(320);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("station", reading.station());
            json.writeStringField("timestamp", TIMESTAMP.format(reading.timestamp()));
            for (Measurement m : Measurement.ALL) {
                json.writeFieldName(m.column());
                Double v = reading.value(m);
                if (v == null) {
                    json.writeNull();
                } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                    json.writeNumber(v.longValue());
                } else {
                    json.writeNumber(v);
                }
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen: writing to memory", e);
        }
        return out.toByteArray();
    }

    /**
     * Parses one message value.
     *
     * @throws InvalidMessageException naming what is wrong, for messages that break the contract
     *     (not JSON, not an object, a field missing or of the wrong type); unknown extra fields are
     *     ignored so that newer producers can add fields
     */
    public static AirQualityReading fromJson(byte[] value) throws InvalidMessageException {
        if (value == null) {
            throw new InvalidMessageException("the message has no value (null)");
        }
        String station = null;
        LocalDateTime timestamp = null;
        Double[] values = new Double[Measurement.ALL.size()];
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
                    Measurement m = byColumn(field);
                    if (m == null) {
                        json.skipChildren();
                        continue;
                    }
                    seen[m.ordinal()] = true;
                    if (valueToken == JsonToken.VALUE_NULL) {
                        values[m.ordinal()] = null;
                    } else if (valueToken == JsonToken.VALUE_NUMBER_INT || valueToken == JsonToken.VALUE_NUMBER_FLOAT) {
                        double d = json.getDoubleValue();
                        if (!Double.isFinite(d)) {
                            throw new InvalidMessageException("field '" + field + "' is not a finite number");
                        }
                        values[m.ordinal()] = d;
                    } else {
                        throw new InvalidMessageException("field '" + field + "' must be a number or null, found "
                                + describe(valueToken));
                    }
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
        for (Measurement m : Measurement.ALL) {
            if (!seen[m.ordinal()]) {
                throw new InvalidMessageException("field '" + m.column() + "' is missing (use null for a missing value)");
            }
        }
        return new AirQualityReading(station, timestamp, values);
    }

    private static LocalDateTime parseTimestamp(JsonParser json, JsonToken token)
            throws IOException, InvalidMessageException {
        if (token != JsonToken.VALUE_STRING) {
            throw new InvalidMessageException("field 'timestamp' must be an ISO-8601 local date-time string"
                    + " such as \"2004-03-10T18:00:00\", found " + describe(token));
        }
        try {
            return LocalDateTime.parse(json.getText(), TIMESTAMP);
        } catch (DateTimeParseException e) {
            throw new InvalidMessageException("field 'timestamp' is not an ISO-8601 local date-time such as"
                    + " \"2004-03-10T18:00:00\": \"" + json.getText() + "\"");
        }
    }

    private static Measurement byColumn(String column) {
        for (Measurement m : Measurement.ALL) {
            if (m.column().equals(column)) {
                return m;
            }
        }
        return null;
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
