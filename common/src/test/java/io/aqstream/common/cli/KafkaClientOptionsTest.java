package io.aqstream.common.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a command connects when it is not told: the running local cluster's brokers, else the single node. */
class KafkaClientOptionsTest {
    private final String home = System.getProperty("aq.home");

    @AfterEach
    void restoreHome() {
        if (home == null) {
            System.clearProperty("aq.home");
        } else {
            System.setProperty("aq.home", home);
        }
    }

    @Test
    void withoutARunningClusterTheSingleNode(@TempDir Path project) {
        System.setProperty("aq.home", project.toString());
        assertEquals(KafkaClientOptions.DEFAULT_BOOTSTRAP, new KafkaClientOptions().bootstrapServer());
    }

    @Test
    void whileTheClusterRunsItsWholeAddressListAndAFlagStillWins(@TempDir Path project) throws Exception {
        System.setProperty("aq.home", project.toString());
        Path root = project.resolve(LocalCluster.DEFAULT_ROOT);
        Files.createDirectories(root);
        LocalCluster.write(root, "127.0.0.1:9092,127.0.0.1:9094,127.0.0.1:9096");
        assertEquals("127.0.0.1:9092,127.0.0.1:9094,127.0.0.1:9096", new KafkaClientOptions().bootstrapServer());
        assertEquals("127.0.0.1:19092", new KafkaClientOptions("127.0.0.1:19092", null).bootstrapServer());
        LocalCluster.forget(root);
        assertEquals(KafkaClientOptions.DEFAULT_BOOTSTRAP, new KafkaClientOptions().bootstrapServer());
    }
}
