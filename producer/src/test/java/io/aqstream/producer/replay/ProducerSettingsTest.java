package io.aqstream.producer.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

/** The replays of one process share its memory: 30 stations once ran bin/produce's 256 MB heap out. */
class ProducerSettingsTest {
    private static long buffer(Properties client, int producers) {
        return Long.parseLong(ProducerSettings.forReplay(client, "id", "gzip", producers)
                .getProperty(ProducerConfig.BUFFER_MEMORY_CONFIG));
    }

    @Test
    void oneReplayKeepsKafkasDefaultBuffer() {
        assertEquals(ProducerConfig.configDef().defaultValues().get(ProducerConfig.BUFFER_MEMORY_CONFIG),
                buffer(new Properties(), 1));
    }

    @Test
    void manyReplaysShareTheProcessBufferAndKeepRoomForBatches() {
        for (int producers : new int[] {2, 12, 30, 1000}) {
            long each = buffer(new Properties(), producers);
            assertTrue(each * producers <= ProducerSettings.PROCESS_BUFFER_BYTES || each == 4 * 128 * 1024,
                    producers + " producers: " + each + " bytes each");
            assertTrue(each >= 4 * 128 * 1024, "room for 4 batches of 128 KB: " + each);
        }
    }

    @Test
    void theUsersOwnBufferMemoryWins() {
        Properties client = new Properties();
        client.setProperty(ProducerConfig.BUFFER_MEMORY_CONFIG, "1234567");
        assertEquals(1234567, buffer(client, 30));
    }

    @Test
    void gzipRunsAtZlibsFastestLevelUnlessTheUserSetsOne() {
        assertEquals("1", ProducerSettings.forReplay(new Properties(), "id", "gzip", 1)
                .getProperty(ProducerConfig.COMPRESSION_GZIP_LEVEL_CONFIG));
        Properties client = new Properties();
        client.setProperty(ProducerConfig.COMPRESSION_GZIP_LEVEL_CONFIG, "6");
        assertEquals("6", ProducerSettings.forReplay(client, "id", "gzip", 1)
                .getProperty(ProducerConfig.COMPRESSION_GZIP_LEVEL_CONFIG));
    }

    @Test
    void readersOfManyReplaysShareTheLookAheadButEachKeepsTwoChunks() {
        assertEquals(RowPipeline.CHUNKS, RowPipeline.chunks(1));
        assertEquals(RowPipeline.CHUNKS / 4, RowPipeline.chunks(4));
        assertEquals(2, RowPipeline.chunks(12));
        assertEquals(2, RowPipeline.chunks(30));
    }
}
