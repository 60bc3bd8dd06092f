package io.aqstream.common.processed;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * File names of processed_data/: the name is the record of what a file holds, and the consumer
 * recovers its position from names alone.
 *
 * <ul>
 *   <li>finished: {@code TOPIC+PARTITION+FIRST+LAST.parquet}, offsets zero-padded to 20 digits (any long
 *       fits), so an alphabetical listing is in offset order per partition and two files never collide
 *       (their offset ranges are disjoint). '+' cannot occur in a Kafka topic name, so parsing is exact.
 *       FIRST..LAST is the range of offsets this file accounts for: its rows, plus any rejected
 *       messages (sent to the dead-letter topic) and transaction markers in between.</li>
 *   <li>in progress: {@code .TOPIC+PARTITION+FIRST.inprogress}: the leading dot hides it from
 *       pandas/pyarrow/Spark, and not ending in {@code .parquet} hides it from DuckDB's
 *       {@code **}{@code /*.parquet} glob.</li>
 * </ul>
 */
public final class FileNames {
    public static final String PARQUET_SUFFIX = ".parquet";
    public static final String IN_PROGRESS_SUFFIX = ".inprogress";
    private static final Pattern FINISHED = Pattern.compile("^(.+)\\+(\\d+)\\+(\\d{20})\\+(\\d{20})\\.parquet$");
    private static final Pattern IN_PROGRESS = Pattern.compile("^\\.(.+)\\+(\\d+)\\+(\\d{20})\\.inprogress$");

    private FileNames() {
    }

    public static String finished(String topic, int partition, long firstOffset, long lastOffset) {
        return topic + "+" + partition + "+" + pad(firstOffset) + "+" + pad(lastOffset) + PARQUET_SUFFIX;
    }

    public static String inProgress(String topic, int partition, long firstOffset) {
        return "." + topic + "+" + partition + "+" + pad(firstOffset) + IN_PROGRESS_SUFFIX;
    }

    static String pad(long offset) {
        return String.format(Locale.ROOT, "%020d", offset);
    }

    /** A finished file's topic, partition and offset range, parsed from its name. */
    public static Optional<FinishedFile> parseFinished(String name) {
        Matcher m = FINISHED.matcher(name);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new FinishedFile(m.group(1), Integer.parseInt(m.group(2)),
                    Long.parseLong(m.group(3)), Long.parseLong(m.group(4))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code name} is an in-progress file of this topic and partition. */
    public static boolean isInProgress(String name, String topic, int partition) {
        Matcher m = IN_PROGRESS.matcher(name);
        return m.matches() && m.group(1).equals(topic) && m.group(2).equals(Integer.toString(partition));
    }

    /** Whether {@code name} is an in-progress file of any topic and partition. */
    public static boolean isInProgress(String name) {
        return IN_PROGRESS.matcher(name).matches();
    }

    /** What a finished file's name says about it. */
    public record FinishedFile(String topic, int partition, long firstOffset, long lastOffset) {
    }
}
