package io.aqstream.reliability;

import io.aqstream.benchkit.MarkdownSection;
import io.aqstream.common.cli.CommandRunner;
import io.aqstream.common.cli.ExitCodeHelp;
import io.aqstream.common.cli.ExitCodeList;
import io.aqstream.common.cli.ExitCodeList.Code;
import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.UserException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** bench/fault-injection: kills the pipeline's parts at random during a replay, then checks exactly once. */
@Command(name = "fault-injection", mixinStandardHelpOptions = false, sortOptions = false,
        description = {"During a paced replay of generated rows (one bin/produce per station file, one bin/consume,"
                + " one KRaft node or with --nodes 3 the local cluster, all real separate JVMs), SIGKILL the consumer many"
                + " times at random instants, SIGKILL producers and rerun them, SIGKILL nodes and restart them. Then verify, with a reader"
                + " that shares no code with the consumer, that the Parquet files and the topic (read_committed)"
                + " hold every row exactly once.",
            "Progress on stderr; the figures on stdout and, with --report, in a section of that Markdown file."},
        modelTransformer = ExitCodeHelp.class)
@ExitCodeList({
    @Code(value = ExitCodes.OK, meaning = "Every row exactly once in the topic and in the files."),
    @Code(value = ExitCodes.FAILURE, meaning = "Unexpected failure; details in the run's logs."),
    @Code(ExitCodes.USAGE),
    @Code(value = ExitCodes.UNHEALTHY, meaning = "Verification failed: rows lost, duplicated or wrong (the figures say"
            + " which)."),
})
public final class FaultInjectionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = {"-V", "--version"}, versionHelp = true, description = "Print the version and exit.")
    boolean version;

    @Option(names = "--stations", defaultValue = "4", description = "Station files, one producer each (default: ${DEFAULT-VALUE}).")
    int stations;

    @Option(names = "--hours", defaultValue = "250000", description = "Rows per station (default: ${DEFAULT-VALUE}).")
    int hours;

    @Option(names = "--replay-seconds", defaultValue = "360",
            description = "Pace the producers so the replay takes about this long (default: ${DEFAULT-VALUE}).")
    int replaySeconds;

    @Option(names = "--consumer-kill-every", paramLabel = "SECONDS", defaultValue = "5",
            description = "Mean time from a consumer run starting to consume to its SIGKILL, drawn uniformly in"
                    + " 0.2x..1.8x; a quarter of the runs are killed during start-up instead (default: ${DEFAULT-VALUE}).")
    double consumerKillEvery;

    @Option(names = "--min-consumer-kills", defaultValue = "25",
            description = "Keep killing the consumer until this many kills, even after the producers finish"
                    + " (default: ${DEFAULT-VALUE}).")
    int minConsumerKills;

    @Option(names = "--producer-kills", defaultValue = "6", description = "SIGKILLs of a running producer (default: ${DEFAULT-VALUE}).")
    int producerKills;

    @Option(names = "--node-kills", defaultValue = "3", description = "SIGKILLs of the node, each followed by a restart (default: ${DEFAULT-VALUE}).")
    int nodeKills;

    @Option(names = "--nodes", defaultValue = "1",
            description = "1: the single node; 3: the local cluster (replication factor 3, min ISR 2), where --node-kills"
                    + " SIGKILL a random node, never while another one is down (default: ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--two-down", paramLabel = "COUNT", defaultValue = "0",
            description = "Cluster only: times two nodes are SIGKILLed together, apart from the single kills (no quorum,"
                    + " no acks=all write), then started again after --two-down-seconds (default: ${DEFAULT-VALUE}).")
    int twoDown;

    @Option(names = "--two-down-seconds", defaultValue = "20",
            description = "How long the two nodes stay down; over 15 s, the producers say that the cluster cannot take"
                    + " writes (default: ${DEFAULT-VALUE}).")
    int twoDownSeconds;

    @Option(names = "--batch-size", defaultValue = "100", description = "The producers' --batch-size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--seed", defaultValue = "1", description = "Seeds the data and the kill instants (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--work-dir", paramLabel = "DIR", defaultValue = "bench/out/fault-injection",
            description = "Node data, CSV files, Parquet output and logs of the run; deleted first (default: ${DEFAULT-VALUE}).")
    Path workDir;

    @Option(names = "--report", paramLabel = "FILE",
            description = "Also write the figures into the 'fault-injection' section of this Markdown file.")
    Path report;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (stations < 1 || hours < 10 || replaySeconds < 1 || consumerKillEvery <= 0 || producerKills < 0
                || nodeKills < 0 || minConsumerKills < 0 || batchSize < 1 || twoDown < 0 || twoDownSeconds < 1) {
            throw new UserException(ExitCodes.USAGE, "--stations, --replay-seconds, --consumer-kill-every and"
                    + " --batch-size must be positive, --hours at least 10, the kill counts not negative");
        }
        if (nodes != 1 && nodes != 3) {
            throw new UserException(ExitCodes.USAGE, "--nodes " + nodes + ": the single node (--nodes 1) or the local"
                    + " cluster of three (--nodes 3)");
        }
        if (nodes == 1 && twoDown > 0) {
            throw new UserException(ExitCodes.USAGE, "--two-down needs the cluster (--nodes 3)");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        FaultPlan plan = new FaultPlan(stations, hours, replaySeconds, consumerKillEvery, minConsumerKills, producerKills, nodeKills,
                batchSize, seed, workDir.toAbsolutePath(), nodes, twoDown, twoDownSeconds);
        Verdict verdict = new FaultInjectionRun(plan, err).run();
        Files.write(plan.workDir().resolve("events.txt"), verdict.kills().events);
        out.print(verdict.summary());
        out.println("timeline of kills and exits: " + plan.workDir().resolve("events.txt"));
        out.flush();
        if (report != null) {
            MarkdownSection.replace(report, nodes == 1 ? "fault-injection" : "fault-injection-cluster", ReliabilityReport.markdown(verdict, commandLine()));
            err.println("figures written to " + report);
        }
        return verdict.passed() ? ExitCodes.OK : ExitCodes.UNHEALTHY;
    }

    private String commandLine() {
        return String.format(java.util.Locale.ROOT, "bench/fault-injection --stations %d --hours %d"
                + " --replay-seconds %d --consumer-kill-every %s --min-consumer-kills %d --producer-kills %d"
                + " --node-kills %d --batch-size %d --seed %d", stations, hours, replaySeconds, consumerKillEvery,
                minConsumerKills, producerKills, nodeKills, batchSize, seed)
                + (nodes == 1 ? "" : String.format(java.util.Locale.ROOT, " --nodes %d --two-down %d --two-down-seconds %d",
                        nodes, twoDown, twoDownSeconds));
    }

    public static void main(String[] args) {
        CommandRunner.exit(new FaultInjectionCommand(), args);
    }
}
