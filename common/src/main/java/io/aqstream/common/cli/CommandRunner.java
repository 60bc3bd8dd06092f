package io.aqstream.common.cli;

import java.io.PrintWriter;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Runs a picocli command with aq-stream's conventions: results on the command's own {@code out}
 * writer, messages on {@code err}; a {@link UserException} anywhere in the cause chain becomes one
 * {@code error: ...} line and its exit code, and one line in the log; anything else is logged with its
 * stack trace (to logs/) and summarised in one line.
 *
 * <p>{@code main} methods call {@link #exit}; tests call {@link #run} with their own writers.
 */
public final class CommandRunner {
    private static final Logger LOG = LoggerFactory.getLogger(CommandRunner.class);

    /**
     * {@code --version} prints the same line for every command and subcommand: set here because picocli's
     * {@code @Command(versionProvider)} is not inherited by subcommands, so {@code aq-admin} printed nothing.
     */
    private static final VersionInfo VERSION = new VersionInfo();

    private CommandRunner() {
    }

    public static CommandLine commandLine(Object command, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(command);
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExitCodeExceptionMapper(CommandRunner::exitCodeOf);
        cl.setParameterExceptionHandler(CommandRunner::badCommandLine);
        cl.setExecutionExceptionHandler((ex, line, parseResult) -> {
            report(ex, line.getErr(), line.getCommandName());
            return exitCodeOf(ex);
        });
        everyCommand(cl, line -> {
            line.getCommandSpec().versionProvider(VERSION);
            HelpLayout.apply(line.getCommandSpec());
        });
        return cl;
    }

    private static void everyCommand(CommandLine line, java.util.function.Consumer<CommandLine> action) {
        action.accept(line);
        for (CommandLine sub : line.getSubcommands().values()) {
            everyCommand(sub, action);
        }
    }

    /** Runs the command and returns its exit code; never calls {@link System#exit}. */
    public static int run(Object command, String[] args, PrintWriter out, PrintWriter err) {
        CommandLine line = commandLine(command, out, err);
        try {
            return line.execute(args);
        } catch (OutOfMemoryError e) {
            // picocli hands Errors on as they are: this is the one the user can fix (more heap).
            report(e, err, line.getCommandName());
            return exitCodeOf(e);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** For {@code main}: runs with stdout/stderr and exits the JVM with the command's exit code. */
    public static void exit(Object command, String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = run(command, args, out, err);
        System.exit(code);
    }

    /**
     * A typo on the command line: the one error line, the nearest options, and where the full help is;
     * never the whole usage, which would push the error off a student's screen.
     */
    private static int badCommandLine(CommandLine.ParameterException ex, String[] args) {
        CommandLine line = ex.getCommandLine();
        PrintWriter err = line.getErr();
        LOG.error("{}: invalid command line (exit {}): {}", line.getCommandSpec().qualifiedName(), ExitCodes.USAGE,
                ex.getMessage());
        err.println("error: " + ex.getMessage());
        if (ex instanceof CommandLine.UnmatchedArgumentException unmatched) {
            List<String> suggestions = unmatched.getSuggestions().isEmpty()
                    ? nearOptions(line, unmatched.getUnmatched()) : unmatched.getSuggestions();
            if (!suggestions.isEmpty()) {
                err.println("       did you mean " + String.join(" or ", suggestions.subList(0, Math.min(3,
                        suggestions.size()))) + "?");
            }
        }
        err.println("       run '" + line.getCommandSpec().qualifiedName() + " --help' for the options.");
        err.flush();
        return ExitCodes.USAGE;
    }

    /** Option names within two edits of an unknown option (picocli's own suggestions miss swaps like --deamon). */
    private static List<String> nearOptions(CommandLine line, List<String> unmatched) {
        List<String> near = new java.util.ArrayList<>();
        for (String arg : unmatched) {
            String typed = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (!typed.startsWith("-")) {
                continue;
            }
            for (CommandLine.Model.OptionSpec option : line.getCommandSpec().options()) {
                for (String name : option.names()) {
                    if (name.length() > 2 && Typos.distance(typed, name) <= 2 && !near.contains(name)) {
                        near.add(name);
                    }
                }
            }
        }
        return near;
    }

    static int exitCodeOf(Throwable ex) {
        UserException user = userCause(ex);
        if (user != null) {
            return user.exitCode();
        }
        if (ex instanceof CommandLine.ParameterException) {
            return ExitCodes.USAGE;
        }
        if (ex instanceof InterruptedException) {
            return ExitCodes.INTERRUPTED;
        }
        if (KafkaFailures.causedBy(ex, OutOfMemoryError.class)) {
            return ExitCodes.ENVIRONMENT;
        }
        return ExitCodes.FAILURE;
    }

    private static void report(Throwable ex, PrintWriter err, String commandName) {
        UserException user = userCause(ex);
        if (user != null) {
            // The message says what happened and what to do; a stack trace in the log would bury it and read
            // like a bug. Kept at DEBUG for whoever needs it.
            if (user.exitCode() == ExitCodes.INTERRUPTED) {
                LOG.info("{} stopped (exit {}): {}", commandName, user.exitCode(), user.getMessage());
            } else {
                LOG.error("{} stopped (exit {}): {}", commandName, user.exitCode(), user.getMessage());
            }
            LOG.debug("where it was thrown", user);
            err.println("error: " + user.getMessage());
        } else if (KafkaFailures.causedBy(ex, OutOfMemoryError.class)) {
            // Not a bug to report but a heap too small for this input and these options; what was committed
            // is kept (transactions), so the same command with more memory goes on from there.
            LOG.error("{} ran out of memory (exit {})", commandName, ExitCodes.ENVIRONMENT, ex);
            err.println("error: " + commandName + " ran out of memory (its Java heap is "
                    + (Runtime.getRuntime().maxMemory() >> 20) + " MB). Give it more, e.g. AQ_HEAP_OPTS=-Xmx1g before"
                    + " the command, or use a smaller --batch-size; what was committed is kept and the same command"
                    + " goes on from there.");
        } else {
            LOG.error("{} failed", commandName, ex);
            Throwable root = ex;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            err.println("error: " + commandName + " failed unexpectedly: " + root.getClass().getSimpleName()
                    + (root.getMessage() == null ? "" : ": " + root.getMessage()));
            err.println("       the full stack trace is in logs/; please report it if it persists.");
        }
        err.flush();
    }

    private static UserException userCause(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UserException) {
                return (UserException) t;
            }
        }
        return null;
    }
}
