package io.aqstream.common.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** What -V prints: the project's version (from the jar manifest when packaged) and the embedded Kafka's. */
public final class VersionInfo implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String own = VersionInfo.class.getPackage().getImplementationVersion();
        return new String[] {"aq-stream " + (own == null ? "(development build)" : own) + ", Kafka "
                + kafkaVersion() + " (KRaft), Java " + System.getProperty("java.version")};
    }

    /** Read from the resource Kafka's clients jar carries (the class that reads it is internal since 4.4). */
    static String kafkaVersion() {
        Properties props = new Properties();
        try (InputStream in = VersionInfo.class.getResourceAsStream("/kafka/kafka-version.properties")) {
            if (in != null) {
                props.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return props.getProperty("version", "unknown");
    }
}
