package io.aqstream.kraft;

import io.aqstream.common.cli.VerboseOption;
import io.aqstream.common.cli.CommandRunner;
import io.aqstream.common.cli.ExitCodeHelp;
import io.aqstream.common.cli.ExitCodeList;
import io.aqstream.common.cli.ExitCodeList.Code;
import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.LocalCluster;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** bin/stop-kraft: stops the node running on this configuration's data dir, cleanly, and waits until it is gone. */
@Command(name = "stop-kraft", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Stops the KRaft node that runs on the data dir of conf/server.properties (started with"
                    + " bin/start-kraft, --daemon or not): asks it to shut down cleanly (SIGTERM) and waits until"
                    + " its process is gone. Says so, and succeeds, when no node is running.",
            "With no option it also stops every node of the local cluster (bin/start-kraft --nodes 3), all together;"
                    + " --nodes 3 stops only the cluster, --node N only its node N (the others go on)."},
        modelTransformer = ExitCodeHelp.class)
@ExitCodeList({
    @Code(value = ExitCodes.OK, meaning = "The node stopped, or none was running."),
    @Code(value = ExitCodes.FAILURE, meaning = "The node did not stop within --timeout; it may still be shutting down"
            + " (see logs/server.log)."),
    @Code(ExitCodes.USAGE),
    @Code(value = ExitCodes.BAD_INPUT, meaning = "Unusable configuration file."),
})
public final class StopKraft implements Callable<Integer> {
    /** -v: applied by bin/lib/aq.sh at JVM start; declared here for --help and parsing. */
    @Mixin
    VerboseOption verbose = new VerboseOption();

    @Mixin
    ConfigOptions configOptions = new ConfigOptions();

    @Mixin
    ClusterOptions clusterOptions = new ClusterOptions();

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "How long to wait for a clean shutdown. Default: ${DEFAULT-VALUE}.")
    long timeoutSeconds;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        CommandRunner.exit(new StopKraft(), args);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (clusterOptions.cluster()) {
            return stopCluster(clusterOptions.layout(configOptions), out, err);
        }
        NodeConfig config = configOptions.load();
        OptionalLong pid = NodeStopper.stop(config, timeoutSeconds, err);
        boolean clusterRan = false;
        if (!configOptions.explicit() && Files.isDirectory(clusterOptions.projectCluster(configOptions).root())) {
            // "Stop every node": the project's cluster too, when it has one (its own configuration,
            // conf/cluster.properties; the --override values given here are the single node's).
            ClusterLayout layout = clusterOptions.projectCluster(configOptions);
            clusterRan = !ClusterStopper.runningPids(layout).isEmpty();
            if (clusterRan) {
                stopCluster(layout, out, err);
            }
        }
        if (pid.isPresent()) {
            out.println("KRaft node stopped (pid " + pid.getAsLong() + ").");
        } else if (!clusterRan) {
            out.println("No KRaft node is running on " + config.metadataLogDir() + "; nothing to stop.");
        }
        return ExitCodes.OK;
    }

    private int stopCluster(ClusterLayout layout, PrintWriter out, PrintWriter err) throws Exception {
        if (clusterOptions.node().isPresent()) {
            int node = clusterOptions.node().get();
            OptionalLong pid = NodeStopper.stop(layout.nodeConfig(node), timeoutSeconds, err);
            out.println(pid.isPresent() ? "KRaft node " + node + " stopped (pid " + pid.getAsLong() + "); bin/start-kraft"
                    + " --node " + node + " starts it again." : "Node " + node + " of the cluster is not running; nothing to stop.");
            return ExitCodes.OK;
        }
        Map<Integer, Long> stopped = ClusterStopper.stopAll(layout, timeoutSeconds, err);
        LocalCluster.forget(layout.root());
        out.println(stopped.isEmpty() ? "No node of the cluster in " + layout.root() + " is running; nothing to stop."
                : "KRaft cluster stopped (nodes " + stopped.keySet() + ", pids " + stopped.values() + ").");
        return ExitCodes.OK;
    }
}
