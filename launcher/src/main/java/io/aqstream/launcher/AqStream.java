package io.aqstream.launcher;

import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.Typos;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;

/**
 * The one main behind every command: {@code java -jar aq-stream.jar COMMAND [options]}. The bin/ scripts
 * and the Windows .cmd files call it too, so a command behaves the same from any shell, or from none. They all
 * enter through {@link JavaVersionCheck}, which first makes sure this JVM is Java 17 or newer.
 *
 * <p>It only sets up what a command expects of its JVM ({@link LaunchSettings}) and hands over; it must not
 * log or touch a class that logs before that, because Log4j reads those settings once, when it starts.
 */
public final class AqStream {
    private AqStream() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help") || args[0].equals("help")) {
            usage(System.out);
            System.exit(args.length == 0 ? ExitCodes.USAGE : ExitCodes.OK);
        }
        Optional<AqCommand> command = AqCommand.named(args[0]);
        if (command.isEmpty()) {
            System.err.println("error: unknown command '" + args[0] + "'." + nearest(args[0])
                    .map(c -> " Did you mean '" + c.userName + "'?").orElse(""));
            System.err.println("       run with --help for the list of commands.");
            System.exit(ExitCodes.USAGE);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        LaunchSettings.apply(command.get(), rest);
        command.get().run(rest);
    }

    private static void usage(PrintStream out) {
        out.println("Usage: java -jar aq-stream.jar COMMAND [options]   (or bin/COMMAND, bin\\windows\\COMMAND.cmd)");
        out.println();
        out.println("Commands:");
        for (AqCommand c : AqCommand.values()) {
            out.printf("  %-12s %s%n", c.userName, c.summary);
        }
        out.println();
        out.println("Run 'java -jar aq-stream.jar COMMAND --help' for a command's options and exit codes.");
    }

    /** The command a typo most likely meant: the closest name by edit distance, if it is close at all. */
    private static Optional<AqCommand> nearest(String typed) {
        return Arrays.stream(AqCommand.values())
                .min(Comparator.comparingInt(c -> Typos.distance(typed, c.userName)))
                .filter(c -> Typos.distance(typed, c.userName) <= 3);
    }
}
