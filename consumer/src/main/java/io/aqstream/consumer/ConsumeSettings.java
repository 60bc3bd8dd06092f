package io.aqstream.consumer;

import io.aqstream.consumer.sink.FaultInjection;
import io.aqstream.consumer.sink.RollPolicy;
import java.nio.file.Path;
import java.time.Duration;

/** Everything {@link ConsumeLoop} needs, validated once by {@link ConsumeCommand}. */
final class ConsumeSettings {
    final String topic;
    final String group;
    final Path output;
    final RollPolicy roll;
    final long rowGroupBytes;
    /** Null: run until stopped. */
    final Duration stopAfterIdle;
    /** Null: no progress lines. */
    final Duration progressInterval;
    final FaultInjection faults;
    /** Partitions with no file in the folder start at the earliest offset, whatever the group committed. */
    final boolean fromBeginning;

    ConsumeSettings(String topic, String group, Path output, RollPolicy roll, long rowGroupBytes,
            Duration stopAfterIdle, Duration progressInterval, FaultInjection faults, boolean fromBeginning) {
        this.topic = topic;
        this.group = group;
        this.output = output;
        this.roll = roll;
        this.rowGroupBytes = rowGroupBytes;
        this.stopAfterIdle = stopAfterIdle;
        this.progressInterval = progressInterval;
        this.faults = faults;
        this.fromBeginning = fromBeginning;
    }
}
