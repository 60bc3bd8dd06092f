package io.aqstream.consumer;

import io.aqstream.common.cli.CommandRunner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * bin/consume with a {@link FaultyOutputFolder}: the same command line plus {@code --inject-fault KIND:N},
 * as a main for child JVMs and as a command for in-process runs.
 */
final class FaultyConsume {
    private FaultyConsume() {
    }

    public static void main(String[] args) {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        CommandRunner.exit(command(takeFault(rest)), rest.toArray(new String[0]));
    }

    /** A bin/consume whose output folder fails as {@code spec} says. */
    static ConsumeCommand command(String spec) {
        ConsumeCommand command = new ConsumeCommand();
        command.folders = (output, topic) -> FaultyOutputFolder.open(output, topic, spec);
        return command;
    }

    /** Removes {@code --inject-fault SPEC} from {@code args} and returns SPEC. */
    static String takeFault(List<String> args) {
        int i = args.indexOf("--inject-fault");
        if (i < 0 || i + 1 >= args.size()) {
            throw new IllegalArgumentException("--inject-fault KIND:N is missing in " + args);
        }
        String spec = args.get(i + 1);
        args.subList(i, i + 2).clear();
        return spec;
    }
}
