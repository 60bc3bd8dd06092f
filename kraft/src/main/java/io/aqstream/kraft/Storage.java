package io.aqstream.kraft;

import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.UserException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.raft.DynamicVoters;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's storage: formatted exactly once (a new cluster id, kept for ever after), and read back
 * before every start so that a storage/config mismatch is reported by us, in one line, instead of by
 * the broker as a stack trace.
 */
public final class Storage {
    public static final String META_PROPERTIES = "meta.properties";
    /** Written beside meta.properties when the secure profile formatted the storage. */
    static final String SECURE_MARKER = "aq-secure-profile";
    private static final Logger LOG = LoggerFactory.getLogger(Storage.class);

    private Storage() {
    }

    /** The cluster id stored in the metadata log dir, if the storage is formatted. */
    public static Optional<String> clusterId(NodeConfig config) {
        return readMeta(config.metadataLogDir()).map(p -> p.getProperty("cluster.id"));
    }

    /** True when at least one data dir holds a meta.properties file. */
    public static boolean isFormatted(NodeConfig config) {
        return config.allDataDirs().stream().anyMatch(d -> Files.isRegularFile(d.resolve(META_PROPERTIES)));
    }

    /**
     * Refuses storage formatted for another node id: Kafka would stop with "Stored node id ... doesn't
     * match", and re-formatting would lose the data, so the user chooses.
     */
    public static void checkNodeId(NodeConfig config) {
        for (Path dir : config.allDataDirs()) {
            Optional<Properties> meta = readMeta(dir);
            if (meta.isEmpty()) {
                continue;
            }
            String stored = meta.get().getProperty("node.id", meta.get().getProperty("broker.id"));
            if (stored != null && !stored.trim().equals(Integer.toString(config.nodeId()))) {
                throw new UserException(ExitCodes.BAD_INPUT, "the data in " + dir + " was formatted for node.id="
                        + stored.trim() + ", but " + config.file().getFileName() + " (with overrides) says node.id="
                        + config.nodeId() + ". Set node.id=" + stored.trim() + " again (e.g. --override node.id="
                        + stored.trim() + "), or delete the data with bin/reset-kraft to start afresh.");
            }
        }
    }

    /**
     * Formats the storage when no data dir is formatted yet and returns the cluster id (new or kept).
     *
     * <p>Quorum: the 4.x dynamic quorum, as {@code kafka-storage format --standalone} sets it up: this
     * node is written into the bootstrap snapshot as the one initial controller, and the config names it
     * in {@code controller.quorum.bootstrap.servers}. Chosen over static {@code controller.quorum.voters}
     * because a lone voter of a formatted dynamic quorum becomes leader without waiting for an election
     * timeout (measured: ready in about half the time of static voters), and because it keeps working
     * across restarts: the voter set lives in the metadata log, not in the config.
     */
    public static Formatted formatIfNeeded(NodeConfig config) {
        return formatIfNeeded(config, NodeSecurity.PLAINTEXT);
    }

    /** As {@link #formatIfNeeded(NodeConfig)}, with the users of {@code security}. */
    public static Formatted formatIfNeeded(NodeConfig config, NodeSecurity security) {
        HostPort controller = config.controllerAddress();
        return formatIfNeeded(config, Uuid.randomUuid().toString(),
                config.nodeId() + "@" + controller.connectAddress() + ":" + Uuid.randomUuid(), security);
    }

    /**
     * Refuses to open storage formatted under the other profile: secure storage started without --secure
     * would serve its data to anyone, and plaintext storage has no SCRAM users (they are made at format).
     */
    public static void checkProfile(NodeConfig config, NodeSecurity security) {
        if (!isFormatted(config)) {
            return;
        }
        boolean secureStorage = Files.exists(config.metadataLogDir().resolve(SECURE_MARKER));
        if (secureStorage && !security.secure()) {
            throw new UserException(ExitCodes.BAD_INPUT, "the storage in " + config.metadataLogDir() + " was formatted"
                    + " by bin/start-kraft --secure: start it with --secure (without it, anyone could read its data),"
                    + " or delete the data with bin/reset-kraft to start afresh.");
        }
        if (!secureStorage && security.secure()) {
            throw new UserException(ExitCodes.BAD_INPUT, "the storage in " + config.metadataLogDir() + " was formatted"
                    + " without --secure, so it has no users (they are created when storage is formatted). Delete the"
                    + " data with bin/reset-kraft, then start with --secure; or start without --secure.");
        }
    }

    /**
     * Formats the storage when it is not formatted yet, with {@code newClusterId} and
     * {@code initialControllers} ({@code id@host:port:directoryId,...}, as {@code kafka-storage format
     * --initial-controllers} takes them) when nothing is formatted; a node formatted before keeps its id.
     */
    static Formatted formatIfNeeded(NodeConfig config, String newClusterId, String initialControllers) {
        return formatIfNeeded(config, newClusterId, initialControllers, NodeSecurity.PLAINTEXT);
    }

    static Formatted formatIfNeeded(NodeConfig config, String newClusterId, String initialControllers,
            NodeSecurity security) {
        Optional<String> existing = clusterId(config);
        if (existing.isPresent() && allFormatted(config)) {
            return new Formatted(existing.get(), false);
        }
        String clusterId = existing.orElse(newClusterId);
        List<String> dirs = new ArrayList<>();
        for (Path dir : config.allDataDirs()) {
            dirs.add(dir.toString());
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            Formatter formatter = new Formatter()
                    .setPrintStream(print)
                    .setNodeId(config.nodeId())
                    .setClusterId(clusterId)
                    .setDirectories(dirs)
                    .setMetadataLogDirectory(config.metadataLogDir().toString())
                    .setControllerListenerName(config.controllerListener())
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setIgnoreFormatted(true)
                    .setWriteBootstrapSnapshot(true);
            if (existing.isEmpty()) {
                formatter.setHasDynamicQuorum(true).setInitialControllers(DynamicVoters.parse(initialControllers));
            }
            if (!security.scramArguments().isEmpty()) {
                formatter.setScramArguments(security.scramArguments());
            }
            formatter.run();
            if (security.secure()) {
                Files.writeString(config.metadataLogDir().resolve(SECURE_MARKER), "Formatted by bin/start-kraft --secure:"
                        + " SCRAM users exist, start it with --secure.\n");
            }
        } catch (Exception e) {
            throw new UserException(ExitCodes.ENVIRONMENT, "cannot format the storage in " + config.metadataLogDir()
                    + ": " + withoutSecrets(e.getMessage(), security) + ". Check that the folder is writable and not used by another node.", e);
        }
        LOG.info("Formatted storage {} with cluster id {}: {}", dirs, clusterId,
                withoutSecrets(output.toString(StandardCharsets.UTF_8).trim(), security));
        return new Formatted(clusterId, true);
    }

    /** The formatter may echo its SCRAM arguments: never into a message or the log. */
    private static String withoutSecrets(String text, NodeSecurity security) {
        String result = String.valueOf(text);
        for (String argument : security.scramArguments()) {
            result = result.replace(argument, "[SCRAM user, hidden]");
        }
        return result.replaceAll("password=[^,\\]\\s]*", "password=(hidden)");
    }

    private static boolean allFormatted(NodeConfig config) {
        return config.allDataDirs().stream().allMatch(d -> Files.isRegularFile(d.resolve(META_PROPERTIES)));
    }

    static Optional<Properties> readMeta(Path dir) {
        Path file = dir.resolve(META_PROPERTIES);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            props.load(in);
            return Optional.of(props);
        } catch (IOException | IllegalArgumentException e) {
            throw new UserException(ExitCodes.ENVIRONMENT, file + " cannot be read (" + e.getMessage()
                    + "). Restore it from a backup, or delete the data with bin/reset-kraft.");
        }
    }

    /** The outcome of {@link #formatIfNeeded}: the cluster id and whether it was created just now. */
    public static final class Formatted {
        private final String clusterId;
        private final boolean created;

        Formatted(String clusterId, boolean created) {
            this.clusterId = clusterId;
            this.created = created;
        }

        public String clusterId() {
            return clusterId;
        }

        public boolean created() {
            return created;
        }
    }
}
