package io.aqstream.admin;

import io.aqstream.common.cli.VerboseOption;
import io.aqstream.common.cli.CommandRunner;
import io.aqstream.common.cli.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code bin/aq-admin}: operate the pipeline and look at what it produced. */
@Command(name = "aq-admin", mixinStandardHelpOptions = true,
        description = "Operate the aq-stream pipeline: check the node, look at topics, consumer groups and lag,"
                + " reset offsets, read the newest records and the rejected rows, and summarise processed_data/.",
        subcommands = {HealthCommand.class, TopicsCommand.class, GroupsCommand.class, LagCommand.class,
            ResetOffsetsCommand.class, TailCommand.class, DlqCommand.class, SummaryCommand.class},
        footer = {"%nEvery Kafka subcommand takes --bootstrap-server HOST:PORT (default: the local"
                + " cluster's three brokers while bin/start-kraft --nodes 3 runs, else 127.0.0.1:9092, the node of"
                + " bin/start-kraft), --command-config FILE and --timeout SECONDS.",
            "Run 'bin/aq-admin SUBCOMMAND --help' for details."},
        modelTransformer = ExitCodeHelp.class)
public final class AdminCommand implements Callable<Integer> {
    /** -v: applied by bin/lib/aq.sh at JVM start; declared here for --help and parsing. */
    @Mixin
    VerboseOption verbose = new VerboseOption();

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        CommandRunner.exit(new AdminCommand(), args);
    }

    /** Without a subcommand there is nothing to do: show what there is. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println("error: name a subcommand, e.g. 'bin/aq-admin health'.");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
