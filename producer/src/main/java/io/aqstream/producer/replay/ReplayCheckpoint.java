package io.aqstream.producer.replay;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Objects;

/**
 * A replay's position, the value of its key (the replay id) in the compacted checkpoint topic. Written in
 * the same transaction as the rows it covers, so it is committed exactly when they are.
 *
 * <p>JSON, so that {@code kafka-console-consumer} shows something readable:
 * {@code {"replay_id":..,"file":..,"line":9472,"fingerprint":"..","finished":true,"rows_sent":9357,...}}.
 * Counters are totals over every run of the replay.
 */
public final class ReplayCheckpoint {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Last line of the file (1-based, header = 1) whose outcome is committed. */
    public final long line;
    /** {@link LineFingerprint} of lines 1..line. */
    public final String fingerprint;
    /** True when line is the last line of the file at the time. */
    public final boolean finished;
    public final long rowsSent;
    public final long rowsRejected;
    public final long emptyRows;
    public final String file;
    public final String station;
    public final String topic;

    public ReplayCheckpoint(long line, String fingerprint, boolean finished, long rowsSent, long rowsRejected,
            long emptyRows, String file, String station, String topic) {
        this.line = line;
        this.fingerprint = Objects.requireNonNull(fingerprint);
        this.finished = finished;
        this.rowsSent = rowsSent;
        this.rowsRejected = rowsRejected;
        this.emptyRows = emptyRows;
        this.file = file;
        this.station = station;
        this.topic = topic;
    }

    /**
     * Written with a streaming generator, not an {@code ObjectNode} through the {@code ObjectMapper}: one is
     * written per transaction, and the mapper's per-call set-up was about 4% of bin/produce's samples at
     * --batch-size 100. Same fields, same order.
     */
    public byte[] toJson(String replayId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(400);
        try (JsonGenerator o = JSON.getFactory().createGenerator(out)) {
            o.writeStartObject();
            o.writeStringField("replay_id", replayId);
            o.writeStringField("file", file);
            o.writeStringField("station", station);
            o.writeStringField("topic", topic);
            o.writeNumberField("line", line);
            o.writeStringField("fingerprint", fingerprint);
            o.writeBooleanField("finished", finished);
            o.writeNumberField("rows_sent", rowsSent);
            o.writeNumberField("rows_rejected", rowsRejected);
            o.writeNumberField("empty_rows", emptyRows);
            o.writeStringField("updated_at", java.time.Instant.now().toString());
            o.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("cannot happen: writing JSON to memory", e);
        }
        return out.toByteArray();
    }

    /** @return the checkpoint, or {@code null} for a value this version cannot read (treated as absent) */
    public static ReplayCheckpoint fromJson(byte[] value) {
        if (value == null) {
            return null;
        }
        try {
            JsonNode o = JSON.readTree(value);
            if (o == null || !o.hasNonNull("line") || !o.hasNonNull("fingerprint")) {
                return null;
            }
            return new ReplayCheckpoint(o.get("line").asLong(), o.get("fingerprint").asText(),
                    o.path("finished").asBoolean(false), o.path("rows_sent").asLong(0),
                    o.path("rows_rejected").asLong(0), o.path("empty_rows").asLong(0),
                    o.path("file").asText(""), o.path("station").asText(""), o.path("topic").asText(""));
        } catch (IOException e) {
            return null;
        }
    }
}
