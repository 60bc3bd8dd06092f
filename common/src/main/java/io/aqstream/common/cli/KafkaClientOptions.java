package io.aqstream.common.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import picocli.CommandLine.Option;

/**
 * The two options that let every command run unchanged against any Kafka cluster, as Kafka's own
 * tools spell them. Mixed into commands with {@code @Mixin}.
 */
public final class KafkaClientOptions {
    public static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";

    @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT[,HOST:PORT...]",
            description = "Kafka brokers to connect to. Default: bootstrap.servers of --command-config if set,"
                    + " else environment AQ_BOOTSTRAP_SERVER, else the three brokers of the local cluster while"
                    + " bin/start-kraft --nodes 3 runs, else " + DEFAULT_BOOTSTRAP + " (the node of bin/start-kraft).")
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

    /** The brokers this command talks to, resolved as {@link #clientProperties()} does. */
    public String bootstrapServer() {
        return clientProperties().getProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
    }

    /**
     * Client properties: the command-config file, with {@code bootstrap.servers} taken from the flag
     * (an explicit flag wins over the file, as in Kafka's tools), else the file, else the environment
     * variable {@code AQ_BOOTSTRAP_SERVER}, else the address list of the project's own cluster while it
     * runs ({@link LocalCluster}: every broker, so a command still connects while node 1 is down), else
     * {@value #DEFAULT_BOOTSTRAP}.
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
        String protocol = props.getProperty(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "");
        String mechanism = props.getProperty(SaslConfigs.SASL_MECHANISM, "").trim().toUpperCase(java.util.Locale.ROOT);
        boolean passwordLogin = mechanism.startsWith("SCRAM-") || mechanism.equals("PLAIN");
        if (protocol.trim().toUpperCase(java.util.Locale.ROOT).startsWith("SASL") && passwordLogin
                && props.getProperty(SaslConfigs.SASL_JAAS_CONFIG, "").isBlank()
                && System.getProperty("java.security.auth.login.config") == null) {
            // Kafka's own message names a JAAS system property, which is not how anyone here logs in.
            throw new UserException(ExitCodes.USAGE, "--command-config " + commandConfig + ": security.protocol="
                    + protocol.trim() + " but no credentials (sasl.jaas.config with username and password). Use the"
                    + " role's file made by bin/start-kraft --secure, e.g. data/secure/consumer.properties.");
        }
        if (bootstrapServer != null && !bootstrapServer.isBlank()) {
            props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServer);
        } else if (props.getProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG) == null) {
            String env = System.getenv("AQ_BOOTSTRAP_SERVER");
            props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                    env != null && !env.isBlank() ? env : LocalCluster.bootstrapServers().orElse(DEFAULT_BOOTSTRAP));
        }
        return props;
    }
}
