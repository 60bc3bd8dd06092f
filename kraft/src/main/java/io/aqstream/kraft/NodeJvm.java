package io.aqstream.kraft;

import io.aqstream.common.cli.ClassDataSharing;
import io.aqstream.common.cli.LogBinding;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a node in its own JVM, started by a launcher (--daemon, the cluster): the same Java and
 * classpath as this one, and either this JVM's own options (bin/start-kraft's JVM, which bin/ started with
 * start-kraft's options) or options given for it (a launcher run inside another command's JVM, bin/pipeline),
 * detached from the terminal.
 */
final class NodeJvm {
    /** The system property conf/log4j2.xml reads for the console's level (bin/lib/aq.sh sets it for -v). */
    private static final String CONSOLE_LEVEL = "aq.console.level";
    /** Each cluster node's JVM options, after this JVM's own (so they win): conf/jvm/cluster-node.options. */
    private static final String CLUSTER_NODE_OPTIONS = "cluster-node.options";
    /** The name of the nodes' class-data archive (dist/target/cds/kraft-node.jsa). */
    private static final String NODE_ARCHIVE = "kraft-node";

    private final List<String> jvmOptions;

    private NodeJvm(List<String> jvmOptions) {
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    /** Nodes with this JVM's own options. */
    static NodeJvm likeThisJvm() {
        return new NodeJvm(ManagementFactory.getRuntimeMXBean().getInputArguments());
    }

    /** Nodes with the given JVM options (as java would get them on its command line, {@code @FILE}s included). */
    static NodeJvm withOptions(List<String> jvmOptions) {
        return new NodeJvm(jvmOptions);
    }

    /** java [the JVM options] [extra options] -cp [this classpath] StartKraft args, in its own session when setsid exists. */
    List<String> command(List<String> args, List<String> extraJvmOptions) {
        List<String> cmd = new ArrayList<>();
        // A new session: the node is not in the terminal's process group, so a later Ctrl-C or a closed
        // terminal does not reach it.
        for (String setsid : List.of("/usr/bin/setsid", "/bin/setsid")) {
            if (Files.isExecutable(Paths.get(setsid))) {
                cmd.add(setsid);
                break;
            }
        }
        cmd.add(ProcessHandle.current().info().command()
                .orElse(Paths.get(System.getProperty("java.home"), "bin", "java").toString()));
        for (String option : jvmOptions) {
            if (!option.startsWith("-D" + CONSOLE_LEVEL + "=") && !ClassDataSharing.isArchiveOption(option)) {
                cmd.add(option);
            }
        }
        // A single node's class-data archive is its own: with the launcher's, both JVMs would write the same file,
        // and the launcher, which exits first, left one without the broker's classes (bin/pipeline's node was
        // ready 3.4 s after the pipeline's start with it, 2.0 s with its own). The cluster's nodes (--node N) get
        // none: three JVMs would write one file at once.
        if (!args.contains("--node")) {
            cmd.addAll(ClassDataSharing.options(projectHome(), NODE_ARCHIVE, System.getProperty("java.class.path")));
        }
        cmd.addAll(extraJvmOptions);
        // What the launcher (java -jar aq-stream.jar) set in this JVM rather than on its command line: the
        // project folder, the logs folder, the log configuration and SLF4J's binding, so the node finds the same ones.
        List<String> inherited = new ArrayList<>(List.of("aq.home", "aq.logs.dir", "log4j2.configurationFile"));
        inherited.addAll(LogBinding.PROPERTIES.keySet());
        for (String key : inherited) {
            String value = System.getProperty(key);
            if (value != null && jvmOptions.stream().noneMatch(o -> o.startsWith("-D" + key + "="))) {
                cmd.add("-D" + key + "=" + value);
            }
        }
        // -v shows the log on the console; a daemon's console is server.out, which is not rotated while the
        // node runs. The same lines are in server.log, rotated by size: keep them out of server.out.
        cmd.add("-D" + CONSOLE_LEVEL + "=OFF");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(StartKraft.class.getName());
        cmd.addAll(args);
        return cmd;
    }

    /**
     * {@code @conf/jvm/cluster-node.options} when the project has it (java reads the file itself, as the
     * bin/ scripts do with each command's options), so a cluster node's heap is set in one place.
     */
    static List<String> clusterNodeOptions() {
        Path file = projectHome().resolve("conf").resolve("jvm").resolve(CLUSTER_NODE_OPTIONS).toAbsolutePath();
        return Files.isRegularFile(file) ? List.of("@" + file) : List.of();
    }

    /** The project folder (aq.home, which every command's launcher sets), else the current folder. */
    private static Path projectHome() {
        String home = System.getProperty("aq.home");
        return home != null && !home.isBlank() ? Paths.get(home) : Paths.get("");
    }
}
