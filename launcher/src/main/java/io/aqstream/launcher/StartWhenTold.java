package io.aqstream.launcher;

import io.aqstream.common.cli.ExitCodes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Optional;
import picocli.CommandLine;

/**
 * The main of a pipeline step started ahead of its turn ({@link ChildJvm#startAhead}): the JVM starts and
 * loads the command while the step before it still runs, then waits for one line on stdin. {@value #GO}
 * runs the command exactly as {@link AqStream} would, with the same arguments; anything else (stdin closed:
 * the step before failed, or the pipeline ended) exits at once, having done nothing. Why: a JVM start and
 * the command's class loading are 1 to 2 s of each step on a 2-core laptop, and the step before it (the
 * node's start, the replay) mostly waits on Kafka. Loading is all it does ahead: it connects to nothing and
 * reads no argument's file; what it may leave is its (empty) log file in logs/, opened when a class that logs
 * is loaded.
 *
 * <p>Usage (only by {@link ChildJvm}): {@code java ... io.aqstream.launcher.StartWhenTold COMMAND [args...]}.
 */
public final class StartWhenTold {
    /** The line that tells a waiting step to run. */
    static final String GO = "go";

    private StartWhenTold() {
    }

    public static void main(String[] args) throws IOException {
        Optional<AqCommand> command = args.length == 0 ? Optional.empty() : AqCommand.named(args[0]);
        if (command.isEmpty()) {
            System.err.println("error: StartWhenTold needs a command name first; it is started by bin/pipeline.");
            System.exit(ExitCodes.USAGE);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        // The same settings AqStream gives the command, before anything logs (Log4j reads them once).
        LaunchSettings.apply(command.get(), rest);
        // Ahead of the turn: the command's classes and picocli's model of its options, which the real run
        // builds again (cheaply, now that the classes are loaded and initialised). Nothing here acts.
        new CommandLine(command.get().commandClass);
        if (command.get() == AqCommand.AQ_REPORT) {
            loadDuckDb();
        }
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (!GO.equals(line)) {
            System.exit(ExitCodes.OK); // not this step's turn after all (the pipeline says why); temp files go
        }
        command.get().run(rest);
    }

    /**
     * The report's first DuckDB connection copies DuckDB's native library (tens of MB) out of its jar into a
     * temporary file and loads it: measured at 0.2 s for a second connection against 6 s for the first on
     * this machine under load. Done on an in-memory database that is closed at once; the library stays loaded.
     */
    private static void loadDuckDb() {
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
            db.isValid(1);
        } catch (SQLException e) {
            // The report's own connection fails the same way, and says so properly.
        }
    }
}
