package io.aqstream.common.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code -v}: the log on the console too. Logging is configured when the JVM starts, so bin/lib/aq.sh
 * applies it (it sees {@code -v} and starts Java with {@code -Daq.console.level=INFO}); this mixin
 * documents the option in every command's {@code --help} and accepts it. Inherited by subcommands.
 */
public final class VerboseOption {
    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Also print the log (INFO and up) on stderr. The log always goes to logs/<component>.log.")
    boolean verbose;
}
