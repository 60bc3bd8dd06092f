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
                + " one KRaft node, all real separate JVMs), SIGKILL the consumer many times at random instants,"
                + " SIGKILL producers and rerun them, SIGKILL the node and restart it. Then verify, with a reader"
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
                || nodeKills < 0 || minConsumerKills < 0 || batchSize < 1) {
            throw new UserException(ExitCodes.USAGE, "--stations, --replay-seconds, --consumer-kill-every and"
                    + " --batch-size must be positive, --hours at least 10, the kill counts not negative");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        FaultPlan plan = new FaultPlan(stations, hours, replaySeconds, consumerKillEvery, minConsumerKills, producerKills, nodeKills,
                batchSize, seed, workDir.toAbsolutePath());
        Verdict verdict = new FaultInjectionRun(plan, err).run();
        Files.write(plan.workDir().resolve("events.txt"), verdict.kills().events);
        out.print(verdict.summary());
        out.println("timeline of kills and exits: " + plan.workDir().resolve("events.txt"));
        out.flush();
        if (report != null) {
            MarkdownSection.replace(report, "fault-injection", ReliabilityReport.markdown(verdict, commandLine()));
            err.println("figures written to " + report);
        }
        return verdict.passed() ? ExitCodes.OK : ExitCodes.UNHEALTHY;
    }

    private String commandLine() {
        return String.format(java.util.Locale.ROOT, "bench/fault-injection --stations %d --hours %d"
                + " --replay-seconds %d --consumer-kill-every %s --min-consumer-kills %d --producer-kills %d"
                + " --node-kills %d --batch-size %d --seed %d", stations, hours, replaySeconds, consumerKillEvery,
                minConsumerKills, producerKills, nodeKills, batchSize, seed);
    }

    public static void main(String[] args) {
        CommandRunner.exit(new FaultInjectionCommand(), args);
    }
}
