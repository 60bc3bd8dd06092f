package io.aqstream.common.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The address list of the local cluster this project started (bin/start-kraft --nodes 3), kept in a
 * file in the cluster's folder while it runs, so that every command without --bootstrap-server uses all
 * three brokers and still connects while node 1 is down. Written by the cluster's launcher, read by
 * {@link KafkaClientOptions}.
 */
public final class LocalCluster {
    /** The cluster's folder inside the project, as {@code log.dirs} of conf/cluster.properties says. */
    public static final String DEFAULT_ROOT = "data/cluster";
    /** The file in the cluster's folder that holds {@code host:port,host:port,...}. */
    public static final String BOOTSTRAP_FILE = "bootstrap.servers";

    private LocalCluster() {
    }

    /** The bootstrap file of the project's own cluster ({@code aq.home}, set by bin/ scripts, else this folder). */
    public static Path defaultBootstrapFile() {
        String home = System.getProperty("aq.home");
        Path base = home != null && !home.isBlank() ? Paths.get(home) : Paths.get("");
        return base.resolve(DEFAULT_ROOT).resolve(BOOTSTRAP_FILE).toAbsolutePath().normalize();
    }

    /** The address list of the project's cluster, when it has been started and not stopped since. */
    public static Optional<String> bootstrapServers() {
        return read(defaultBootstrapFile());
    }

    static Optional<String> read(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Records the running cluster's addresses in its folder {@code root} (atomically: readers see all or nothing). */
    public static void write(Path root, String bootstrapServers) throws IOException {
        Path tmp = root.resolve(BOOTSTRAP_FILE + ".tmp");
        Files.writeString(tmp, bootstrapServers + "\n", StandardCharsets.US_ASCII);
        Files.move(tmp, root.resolve(BOOTSTRAP_FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Forgets the addresses once the whole cluster is stopped: commands go back to the single node's. */
    public static void forget(Path root) throws IOException {
        Files.deleteIfExists(root.resolve(BOOTSTRAP_FILE));
    }
}
