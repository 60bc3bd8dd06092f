package io.aqstream.kraft;

import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.UserException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The node's settings: {@code conf/server.properties} (or {@code --config}) with {@code --override}s
 * applied, relative paths resolved against the project folder, and the few facts the launcher needs
 * (log dirs, listeners, node id) checked for a single combined node. Kafka validates the rest when
 * the server is created.
 */
public final class NodeConfig {
    private final Path file;
    private final Properties props;
    private final List<Path> logDirs;
    private final Path metadataLogDir;
    private final int nodeId;
    private final Map<String, HostPort> listeners;
    private final String controllerListener;
    private final String brokerListener;
    private final boolean oneNode;

    private NodeConfig(Path file, Properties props, boolean oneNode) {
        this.file = file;
        this.props = props;
        this.oneNode = oneNode;
        Path base = baseDir(file);
        this.logDirs = resolveLogDirs(base);
        String metadataDir = value("metadata.log.dir");
        this.metadataLogDir = metadataDir == null ? logDirs.get(0) : base.resolve(metadataDir).normalize();
        props.setProperty("log.dirs", String.join(",", logDirs.stream().map(Path::toString).toArray(String[]::new)));
        if (metadataDir != null) {
            props.setProperty("metadata.log.dir", metadataLogDir.toString());
        }
        this.nodeId = parseNodeId();
        this.listeners = parseListeners();
        this.controllerListener = firstOf("controller.listener.names");
        if (!listeners.containsKey(controllerListener)) {
            throw bad("controller.listener.names", controllerListener,
                    "a listener named in listeners (e.g. CONTROLLER://127.0.0.1:9093)");
        }
        this.brokerListener = listeners.keySet().stream().filter(n -> !n.equals(controllerListener)).findFirst()
                .orElseThrow(() -> bad("listeners", value("listeners"),
                        "a client listener besides " + controllerListener + ", e.g. PLAINTEXT://127.0.0.1:9092"));
        if (oneNode) {
            checkQuorumNamesThisNode();
        }
    }

    /** Loads {@code file} and applies {@code overrides} ("key=value"), later ones winning. */
    public static NodeConfig load(Path file, List<String> overrides) {
        return load(file, overrides, true);
    }

    /**
     * A cluster's profile as written, before {@link ClusterLayout} sets each node's own keys: its quorum
     * addresses are not checked against the listeners, since they are set per node afterwards.
     */
    static NodeConfig loadProfile(Path file, List<String> overrides) {
        return load(file, overrides, false);
    }

    private static NodeConfig load(Path file, List<String> overrides, boolean oneNode) {
        Path abs = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(abs)) {
            throw new UserException(ExitCodes.BAD_INPUT, abs + ": no such configuration file. Give the path of a"
                    + " server.properties file with --config, or omit --config to use conf/server.properties.");
        }
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(abs, StandardCharsets.UTF_8)) {
            props.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new UserException(ExitCodes.BAD_INPUT, abs + ": cannot read it as a properties file ("
                    + e.getMessage() + ").");
        }
        for (String override : overrides) {
            int eq = override.indexOf('=');
            if (eq <= 0) {
                throw new UserException(ExitCodes.USAGE, "--override " + override
                        + ": expected key=value, e.g. --override log.dirs=data/other");
            }
            props.setProperty(override.substring(0, eq).trim(), override.substring(eq + 1).trim());
        }
        return new NodeConfig(abs, props, oneNode);
    }

    /**
     * Relative paths mean "inside the project": the folder in {@code aq.home} (set by bin/ scripts),
     * else the parent of the folder holding the config file (conf/..), so the node finds the same data
     * whichever folder it is started from.
     */
    private static Path baseDir(Path configFile) {
        String home = System.getProperty("aq.home");
        if (home != null && !home.isBlank()) {
            return Paths.get(home).toAbsolutePath().normalize();
        }
        Path confDir = configFile.getParent();
        return confDir.getParent() != null ? confDir.getParent() : confDir;
    }

    private List<Path> resolveLogDirs(Path base) {
        String raw = value("log.dirs");
        if (raw == null) {
            raw = value("log.dir");
        }
        if (raw == null) {
            throw bad("log.dirs", null, "a folder for the node's data, e.g. log.dirs=data/kraft");
        }
        List<Path> dirs = new ArrayList<>();
        for (String d : raw.split(",")) {
            if (!d.isBlank()) {
                dirs.add(base.resolve(d.trim()).normalize());
            }
        }
        if (dirs.isEmpty()) {
            throw bad("log.dirs", raw, "a folder for the node's data, e.g. log.dirs=data/kraft");
        }
        return Collections.unmodifiableList(dirs);
    }

    private int parseNodeId() {
        String raw = value("node.id");
        try {
            int id = Integer.parseInt(raw == null ? "" : raw);
            if (id < 0) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw bad("node.id", raw, "a whole number >= 0, e.g. node.id=1");
        }
    }

    private Map<String, HostPort> parseListeners() {
        String raw = value("listeners");
        if (raw == null) {
            throw bad("listeners", null, "PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093");
        }
        Map<String, HostPort> result = new LinkedHashMap<>();
        for (String entry : raw.split(",")) {
            String e = entry.trim();
            int sep = e.indexOf("://");
            HostPort hp = sep > 0 ? HostPort.parse(e.substring(sep + 3)) : null;
            if (hp == null) {
                throw bad("listeners", raw, "NAME://HOST:PORT entries, e.g. PLAINTEXT://127.0.0.1:9092");
            }
            result.put(e.substring(0, sep), hp);
        }
        return Collections.unmodifiableMap(result);
    }

    /**
     * The quorum addresses must include this node's own controller listener (a single node is its own
     * quorum; a cluster node is one of its voters), otherwise the node waits forever for controllers that
     * do not exist. Checked here so that a port change made with --override on listeners alone gets a
     * clear message.
     */
    private void checkQuorumNamesThisNode() {
        if (value("controller.quorum.voters") != null) {
            throw bad("controller.quorum.voters", value("controller.quorum.voters"),
                    "no controller.quorum.voters: aq-stream uses controller.quorum.bootstrap.servers (the 4.x"
                            + " dynamic quorum); remove the line");
        }
        String raw = value("controller.quorum.bootstrap.servers");
        HostPort controller = listeners.get(controllerListener);
        boolean named = raw != null && Arrays.stream(raw.split(",")).map(a -> HostPort.parse(a.trim()))
                .anyMatch(q -> q != null && q.port() == controller.port());
        if (!named) {
            throw bad("controller.quorum.bootstrap.servers", raw, "the " + controllerListener + " listener of"
                    + " this node, i.e. --override controller.quorum.bootstrap.servers=" + controller.connectHost()
                    + ":" + controller.port());
        }
    }

    private String firstOf(String key) {
        String raw = value(key);
        if (raw == null || raw.isBlank()) {
            throw bad(key, raw, "the name of the controller listener, e.g. " + key + "=CONTROLLER");
        }
        return raw.split(",")[0].trim();
    }

    private String value(String key) {
        String v = props.getProperty(key);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private UserException bad(String key, String found, String expected) {
        return new UserException(ExitCodes.BAD_INPUT, file + ": " + key + "="
                + (found == null ? " (missing)" : found) + " is not usable; expected " + expected + ".");
    }

    /**
     * This configuration with {@code settings} put on top, checked again: how the secure profile turns the
     * node's plaintext listener into its SASL_SSL one, in the node's own process (its secrets never pass
     * through a command line).
     */
    public NodeConfig withSettings(Map<String, String> settings) {
        Properties changed = properties();
        changed.putAll(settings);
        return new NodeConfig(file, changed, oneNode);
    }

    /** The folder relative paths are resolved against: the project folder (see {@link #baseDir}). */
    public Path projectDir() {
        return baseDir(file);
    }

    /** The client listener's name, e.g. PLAINTEXT (the first listener that is not the controller's). */
    public String brokerListener() {
        return brokerListener;
    }

    /** The configuration file this was read from (absolute). */
    public Path file() {
        return file;
    }

    /** A copy of the effective properties, ready for {@code KafkaConfig.fromProps}. */
    public Properties properties() {
        Properties copy = new Properties();
        copy.putAll(props);
        return copy;
    }

    public List<Path> logDirs() {
        return logDirs;
    }

    /** The folder holding the KRaft metadata log, {@code meta.properties}, and the launcher's lock and pid files. */
    public Path metadataLogDir() {
        return metadataLogDir;
    }

    /** Every folder the node writes data into, without duplicates. */
    public List<Path> allDataDirs() {
        List<Path> all = new ArrayList<>(logDirs);
        if (!all.contains(metadataLogDir)) {
            all.add(metadataLogDir);
        }
        return all;
    }

    public int nodeId() {
        return nodeId;
    }

    public Map<String, HostPort> listeners() {
        return listeners;
    }

    public String controllerListener() {
        return controllerListener;
    }

    public HostPort controllerAddress() {
        return listeners.get(controllerListener);
    }

    /** The controller addresses of {@code controller.quorum.bootstrap.servers}, as written. */
    public String quorumBootstrapServers() {
        return value("controller.quorum.bootstrap.servers");
    }

    /** Where clients connect: the first non-controller listener. */
    public String bootstrapServers() {
        return listeners.get(brokerListener).connectAddress();
    }
}
