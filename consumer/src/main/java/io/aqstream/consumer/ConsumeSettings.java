package io.aqstream.consumer;

import io.aqstream.common.format.FormatProfile;
import io.aqstream.consumer.sink.RollPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Everything {@link ConsumeLoop} needs, validated once by {@link ConsumeCommand}.
 *
 * @param stopAfterIdle null: run until stopped
 * @param endsFinal null: no stop at the end; else true once the partitions' end offsets are final ({@link StopAtEnd}),
 *     and the consumer stops once every assigned partition is read up to its end taken from then on
 * @param progressInterval null: no progress lines
 * @param fromBeginning partitions with no file in the folder start at the earliest offset, whatever the
 *     group committed
 * @param format the topic's format: its columns in Parquet
 */
record ConsumeSettings(String topic, String group, Path output, RollPolicy roll, long rowGroupBytes,
        Duration stopAfterIdle, BooleanSupplier endsFinal, Duration progressInterval, boolean fromBeginning, FormatProfile format) {
    /** --stop-at-end or --stop-at-end-after-stdin. */
    boolean stopAtEnd() {
        return endsFinal != null;
    }
}
