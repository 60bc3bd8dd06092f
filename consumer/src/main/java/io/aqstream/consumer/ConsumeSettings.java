package io.aqstream.consumer;

import io.aqstream.common.format.FormatProfile;
import io.aqstream.consumer.sink.RollPolicy;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything {@link ConsumeLoop} needs, validated once by {@link ConsumeCommand}.
 *
 * @param stopAfterIdle null: run until stopped
 * @param stopAtEnd stop once every assigned partition is read up to the end it had when it was assigned
 * @param progressInterval null: no progress lines
 * @param fromBeginning partitions with no file in the folder start at the earliest offset, whatever the
 *     group committed
 * @param format the topic's format: its columns in Parquet
 */
record ConsumeSettings(String topic, String group, Path output, RollPolicy roll, long rowGroupBytes,
        Duration stopAfterIdle, boolean stopAtEnd, Duration progressInterval, boolean fromBeginning, FormatProfile format) {
}
