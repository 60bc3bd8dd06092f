package io.aqstream.kraft;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** --config and --override, shared by start-kraft, stop-kraft and reset-kraft so all three find the same node. */
public final class ConfigOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "Node configuration. Default: conf/server.properties of the project.")
    Path config;

    @Option(names = "--override", paramLabel = "KEY=VALUE",
            description = "Changes one setting of the configuration for this run; repeatable,"
                    + " e.g. --override log.dirs=data/other.")
    List<String> overrides = new ArrayList<>();

    /** The configuration file in use (absolute). */
    public Path configFile() {
        return configFile("server.properties");
    }

    /** --config, else {@code conf/<defaultName>} of the project (the single node's or the cluster's profile). */
    Path configFile(String defaultName) {
        if (config != null) {
            return config.toAbsolutePath().normalize();
        }
        String home = System.getProperty("aq.home");
        Path base = home != null && !home.isBlank() ? Paths.get(home) : Paths.get("");
        return base.resolve("conf").resolve(defaultName).toAbsolutePath().normalize();
    }

    /**
     * True when --config or --override was given: the user named one node's configuration, so only that
     * node is meant, not "every node" (the single node and the project's cluster).
     */
    boolean explicit() {
        return config != null || !overrides.isEmpty();
    }

    public NodeConfig load() {
        return NodeConfig.load(configFile(), overrides);
    }

    /** The same options as command-line arguments, for a child process. */
    List<String> asArgs() {
        List<String> args = new ArrayList<>();
        args.add("--config");
        args.add(configFile().toString());
        for (String o : overrides) {
            args.add("--override");
            args.add(o);
        }
        return args;
    }
}
