package io.aqstream.producer.replay;

import io.aqstream.common.format.FormatProfile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;

/**
 * Everything one replay needs, validated by the command that builds it.
 *
 * @param singleSource refuse to start when the topic already holds rows of another replay (one data set
 *     per topic)
 * @param format the file's format (from --format or its header)
 * @param dataSet the replay ids of the files replayed together with this one (one data set for
 *     --single-source), this one's included
 */
public record ReplaySettings(Path file, String station, String topic, String deadLetterTopic, String checkpointTopic,
        int batchSize, String compression, Speed speed, OnError onError, boolean fromStart, String replayId,
        Duration waitForBroker, Properties clientProps, boolean singleSource, FormatProfile format, Set<String> dataSet) {
    /** The file name alone, as carried in the {@code aq.source.file} header. */
    public String fileName() {
        return file.getFileName().toString();
    }

    /** The same replay, as one of the data set {@code ids}. */
    public ReplaySettings withDataSet(Set<String> ids) {
        return new ReplaySettings(file, station, topic, deadLetterTopic, checkpointTopic, batchSize, compression, speed,
                onError, fromStart, replayId, waitForBroker, clientProps, singleSource, format, Set.copyOf(ids));
    }

    /** How many replays run in this process, this one's included: they share its memory. */
    public int replaysInProcess() {
        return Math.max(1, dataSet.size());
    }

    public String bootstrap() {
        return clientProps.getProperty("bootstrap.servers");
    }

    /**
     * The default replay id, also the transactional.id: the same station, file name and topic give the
     * same id, so rerunning the same command resumes (and fences a zombie of) the same replay.
     */
    public static String defaultReplayId(String topic, String station, String fileName) {
        return "aq-produce:" + topic + ":" + station + ":" + fileName;
    }
}
