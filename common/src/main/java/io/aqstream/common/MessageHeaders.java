package io.aqstream.common;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** Header names of the message contract, and of the dead-letter records. All values are UTF-8 text. */
public final class MessageHeaders {
    /** File name (no directories) of the CSV the row came from. */
    public static final String SOURCE_FILE = "aq.source.file";
    /** 1-based line number of the row in that file. */
    public static final String SOURCE_LINE = "aq.source.line";
    /** Version of the JSON value contract, see {@link ReadingJson#SCHEMA_VERSION}. */
    public static final String SCHEMA_VERSION = "aq.schema.version";

    /** Dead-letter records: 1-based column (CSV) where the problem was found, if known. */
    public static final String ERROR_COLUMN = "aq.error.column";
    /** Dead-letter records: why the row or message was rejected, in one sentence. */
    public static final String ERROR_REASON = "aq.error.reason";
    /** Dead-letter records: which component rejected it ({@code producer} or {@code consumer}). */
    public static final String ERROR_STAGE = "aq.error.stage";
    /** Dead-letter records from the consumer: where the rejected message was, as topic-partition@offset. */
    public static final String ERROR_ORIGIN = "aq.error.origin";

    private MessageHeaders() {
    }

    public static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /** The last value of a header as text, or {@code null} if absent. */
    public static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
