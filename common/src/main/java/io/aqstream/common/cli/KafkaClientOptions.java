package io.aqstream.common.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Option;

/**
 * The two options that let every command run unchanged against any Kafka cluster, as Kafka's own
 * tools spell them. Mixed into commands with {@code @Mixin}.
 */
public final class KafkaClientOptions {
    public static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";

    @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT[,HOST:PORT...]",
            defaultValue = "${env:AQ_BOOTSTRAP_SERVER:-" + DEFAULT_BOOTSTRAP + "}",
            description = "Kafka brokers to connect to (default: ${DEFAULT-VALUE}, the node of bin/start-kraft;"
                    + " environment AQ_BOOTSTRAP_SERVER).")
    String bootstrapServer;

    @Option(names = "--command-config", paramLabel = "FILE",
            description = "Client properties file (security.protocol, sasl.*, ssl.*, ...) applied to every"
                    + " Kafka client of this command.")
    Path commandConfig;

    public KafkaClientOptions() {
    }

    public KafkaClientOptions(String bootstrapServer, Path commandConfig) {
        this.bootstrapServer = bootstrapServer;
        this.commandConfig = commandConfig;
    }

    public String bootstrapServer() {
        return bootstrapServer;
    }

    /**
     * Client properties: the command-config file first, then {@code bootstrap.servers} from the
     * command line (an explicit flag wins over a file, as in Kafka's tools).
     */
    public Properties clientProperties() {
        Properties props = new Properties();
        if (commandConfig != null) {
            if (!Files.isRegularFile(commandConfig)) {
                throw new UserException(ExitCodes.USAGE, "--command-config " + commandConfig
                        + ": no such file. Give the path of a Kafka client properties file.");
            }
            try (Reader in = Files.newBufferedReader(commandConfig, StandardCharsets.UTF_8)) {
                props.load(in);
            } catch (IOException | IllegalArgumentException e) {
                throw new UserException(ExitCodes.USAGE, "--command-config " + commandConfig
                        + ": cannot read it as a properties file (" + e.getMessage() + ").");
            }
        }
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServer);
        return props;
    }
}
