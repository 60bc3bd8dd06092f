package io.aqstream.consumer;

import io.aqstream.common.Topics;
import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.UserException;
import io.aqstream.common.format.FormatProfile;
import io.aqstream.common.format.FormatProfiles;

/**
 * Which format a topic's messages are in, hence its Parquet columns: the format whose {@code topic} it is
 * (air-quality-beijing: beijing). A topic no format names (a test's, or a --topic of the user's choosing
 * for UCI rows) is read as the format of {@link Topics#DATA}, as before formats existed.
 */
final class TopicFormat {
    private TopicFormat() {
    }

    static FormatProfile of(FormatProfiles formats, String topic) {
        FormatProfile fallback = null;
        for (FormatProfile f : formats.all()) {
            if (f.topic().equals(topic)) {
                return f;
            }
            if (f.topic().equals(Topics.DATA)) {
                fallback = f;
            }
        }
        if (fallback == null) {
            throw new UserException(ExitCodes.BAD_INPUT, formats.dir() + ": no format names topic " + topic + " or "
                    + Topics.DATA + "; the project's conf/formats/uci.properties is missing, restore it.");
        }
        return fallback;
    }
}
