package io.aqstream.common.cli;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Exit codes shared by every aq-stream command, so scripts can tell a typo from a broken broker, and
 * {@link #TABLE the table} of what each one means. Each command's {@code --help} lists the ones it uses,
 * generated from the table by {@link ExitCodeHelp}.
 */
public final class ExitCodes {
    public static final int OK = 0;
    /** Something unexpected failed; the message names it and logs/ has the details. */
    public static final int FAILURE = 1;
    /** Wrong command line: unknown option, bad value. */
    public static final int USAGE = 2;
    /** Input data is unusable: missing file, wrong format, a bad row under --on-error fail. */
    public static final int BAD_INPUT = 3;
    /** Kafka could not be reached, or refused us (authentication, authorization, fencing). */
    public static final int KAFKA_UNAVAILABLE = 4;
    /** The local environment is not fit: port in use, directory not writable, disk full, out of memory, wrong Java. */
    public static final int ENVIRONMENT = 5;
    /** A health check or verification ran and found a problem. */
    public static final int UNHEALTHY = 6;
    /** Interrupted by the user (Ctrl-C) before the work was done; everything committed so far is kept. */
    public static final int INTERRUPTED = 130;

    /** Every exit code with what it means for any command, in numeric order: the one table of them. */
    public static final SortedMap<Integer, String> TABLE = Collections.unmodifiableSortedMap(new TreeMap<>(Map.of(
            OK, "Success.",
            FAILURE, "Unexpected failure; details in logs/.",
            USAGE, "Invalid command line.",
            BAD_INPUT, "Unusable input (missing file, wrong format, bad row with --on-error fail).",
            KAFKA_UNAVAILABLE, "Kafka unreachable or refused the request.",
            ENVIRONMENT, "Local environment problem (port in use, directory not writable, disk full, out of memory).",
            UNHEALTHY, "Check failed (unhealthy, verification mismatch).",
            INTERRUPTED, "Interrupted (Ctrl-C); work committed so far is kept.")));

    private ExitCodes() {
    }
}
