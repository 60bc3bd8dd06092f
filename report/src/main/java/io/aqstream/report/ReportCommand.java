package io.aqstream.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aqstream.common.cli.CommandRunner;
import io.aqstream.common.cli.ExitCodeHelp;
import io.aqstream.common.cli.ExitCodeList;
import io.aqstream.common.cli.ExitCodeList.Code;
import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.Plural;
import io.aqstream.common.cli.UserException;
import io.aqstream.common.cli.VerboseOption;
import io.aqstream.common.processed.ProcessedData;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bin/aq-report}: processed_data/ as one self-contained HTML report with charts. */
@Command(name = "aq-report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Writes one HTML file about the Parquet files of processed_data/ (any data set; needs no"
                + " Kafka): overview and credit line, missing share per column and month, daily means per station,"
                + " means by hour of day and day of week, correlations, and the 10 highest hours per measurement."
                + " Numbers by DuckDB, charts by Apache ECharts, both inside the file: it opens offline.",
            "Prints the report's path on stdout."},
        modelTransformer = ExitCodeHelp.class)
@ExitCodeList({
    @Code(ExitCodes.OK),
    @Code(ExitCodes.FAILURE),
    @Code(ExitCodes.USAGE),
    @Code(value = ExitCodes.BAD_INPUT, meaning = "Nothing to report: no such folder, an empty one, no Parquet files,"
            + " only files still being written, several data sets without --topic or of different columns in one"
            + " folder, an unknown --station, or no rows in --from/--to."),
    @Code(value = ExitCodes.ENVIRONMENT, meaning = "The report file could not be written."),
})
public final class ReportCommand implements Callable<Integer> {
    @Mixin
    VerboseOption verbose = new VerboseOption();

    @Option(names = "--data", paramLabel = "DIR",
            description = "processed_data/ (one folder per topic) or one topic's folder. Default: processed_data/.")
    Path data;

    @Option(names = "--topic", paramLabel = "TOPIC",
            description = "Which topic's folder of DIR; needed when DIR holds more than one data set.")
    String topic;

    @Option(names = "--station", paramLabel = "ID", description = "Only this station's rows. Default: every station.")
    String station;

    @Option(names = "--from", paramLabel = "TIME",
            description = "Only rows at or after this local time: 2004-03-10 or 2004-03-10T18:00.")
    String from;

    @Option(names = "--to", paramLabel = "TIME",
            description = "Only rows before this local time; a date alone includes that whole day.")
    String to;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Where to write the report. Default: TOPIC" + ProcessedData.REPORT_SUFFIX
                    + " beside the data set's folder (processed_data/air-quality-data" + ProcessedData.REPORT_SUFFIX + ").")
    Path output;

    @Option(names = "--memory-limit", paramLabel = "SIZE", defaultValue = "512MB",
            description = "DuckDB's memory limit (it spills to a temporary folder above it). Default: ${DEFAULT-VALUE}.")
    String memoryLimit;

    @Spec
    CommandSpec spec;

    /**
     * Loads DuckDB's engine now, for a report that comes later in this JVM (bin/pipeline loads it while its last
     * consumer finishes). DuckDB's driver copies its native library (57 MB on Linux) out of its jar into a
     * temporary file and loads it at every first use: about 0.5 s of CPU, the largest part of a report of the
     * real file (docs/benchmarks.md). A failure is left to the report itself, which runs the same load again.
     */
    public static void loadEngine() {
        try {
            Class.forName("org.duckdb.DuckDBNative", true, ReportCommand.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            // The report's own first query meets the same failure and says what it is.
        }
    }

    public static void main(String[] args) {
        CommandRunner.exit(new ReportCommand(), args);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        ReportFilter filter = new ReportFilter(Optional.ofNullable(station), time("--from", from, false),
                time("--to", to, true));
        ReportSource source = ReportSource.resolve(data != null ? data : ProcessedData.defaultRoot(), topic);
        err.println("aq-report: reading " + Plural.count(source.files().size(), "Parquet file") + " of " + source.folder());
        err.flush();
        ObjectNode report = ReportData.compute(source, filter, memoryLimit);
        Path target = (output != null ? output : ProcessedData.reportFile(source.folder()))
                .toAbsolutePath().normalize();
        try {
            HtmlReport.write(report, target);
        } catch (java.io.IOException e) {
            throw new UserException(ExitCodes.ENVIRONMENT, "cannot write " + target + ": " + e.getMessage()
                    + ". Pass -o FILE in a folder you can write to.", e);
        }
        spec.commandLine().getOut().println(target);
        return ExitCodes.OK;
    }

    /** A date means its start; for --to, the start of the next day, so the named day is included. */
    private static Optional<LocalDateTime> time(String option, String value, boolean endOfDay) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(value));
        } catch (DateTimeParseException notDateTime) {
            try {
                LocalDate day = LocalDate.parse(value);
                return Optional.of((endOfDay ? day.plusDays(1) : day).atStartOfDay());
            } catch (DateTimeParseException notDate) {
                throw new UserException(ExitCodes.USAGE, option + " " + value + ": not a local date or time. Write"
                        + " 2004-03-10 or 2004-03-10T18:00.");
            }
        }
    }
}
