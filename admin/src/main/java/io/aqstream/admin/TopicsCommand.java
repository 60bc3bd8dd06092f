package io.aqstream.admin;

import io.aqstream.common.cli.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code topics list} and {@code topics describe}. */
@Command(name = "topics", mixinStandardHelpOptions = true,
        description = "List the topics, or describe one with its partitions and settings.",
        subcommands = {TopicsListCommand.class, TopicsDescribeCommand.class},
        modelTransformer = ExitCodeHelp.class)
public final class TopicsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("error: say 'topics list' or 'topics describe [TOPIC]'.");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
