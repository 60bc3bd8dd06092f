package io.aqstream.admin;

import io.aqstream.common.Measurement;
import io.aqstream.common.Topics;
import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.UserException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** What is in processed_data/, computed from the Parquet files themselves. */
@Command(name = "summary", mixinStandardHelpOptions = true,
        description = {"Summarise the Parquet files in processed_data/ (needs no Kafka).",
            "Rows, files, stations, time range, and per measurement the count, missing share, min, mean and max;"
                    + " duplicate Kafka offsets and duplicate (station, timestamp) readings. Reads the finished"
                    + " *.parquet files under DIR/" + Topics.DATA + "/; names starting with '.' or '_' (in progress,"
                    + " markers) are skipped."},
        modelTransformer = ExitCodeHelp.class)
public final class SummaryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "DIR",
            description = "The processed data folder. Default: processed_data/ of the aq-stream installation.")
    Path dir;

    @Override
    public Integer call() {
        Path folder = dataFolder(dir != null ? dir : defaultDir());
        ParquetSummary summary = ParquetSummary.of(folder);
        if (summary.files.isEmpty()) {
            throw new UserException(ExitCodes.BAD_INPUT, "no finished Parquet files under " + folder
                    + ". Run bin/consume (or bin/pipeline) first, or name the folder: bin/aq-admin summary DIR.");
        }
        print(summary, spec.commandLine().getOut());
        return ExitCodes.OK;
    }

    static Path defaultDir() {
        String home = System.getProperty("aq.home");
        return (home == null || home.isBlank() ? Paths.get("") : Paths.get(home)).resolve("processed_data").toAbsolutePath();
    }

    /** DIR/air-quality-data when it exists; DIR itself when given the topic folder or any folder of Parquet files. */
    static Path dataFolder(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new UserException(ExitCodes.BAD_INPUT, "no processed data folder at " + dir.toAbsolutePath()
                    + ". Run bin/consume (or bin/pipeline) first, or name the folder: bin/aq-admin summary DIR.");
        }
        Path topicFolder = dir.resolve(Topics.DATA);
        return Files.isDirectory(topicFolder) ? topicFolder : dir;
    }

    static void print(ParquetSummary s, PrintWriter out) {
        out.printf(Locale.ROOT, "%d rows in %d file(s) under %s%n", s.rows, s.files.size(), s.root.toAbsolutePath().normalize());
        out.println("stations: " + s.stations.size() + (s.stations.isEmpty() ? "" : " (" + s.stations.stream().limit(5)
                .collect(Collectors.joining(", ")) + (s.stations.size() > 5 ? ", ..." : "") + ")"));
        out.println("time range: " + (s.first == null ? "none" : s.first + " .. " + s.last + " (local time)"));
        Table table = new Table("MEASUREMENT", "CSV", "UNIT", "COUNT", "MISSING", "MIN", "MEAN", "MAX");
        for (Measurement m : Measurement.ALL) {
            ParquetSummary.Column c = s.columns.get(m);
            if (!c.present) {
                table.row(m.column(), m.csvHeader(), m.unit(), "absent", "-", "-", "-", "-");
                continue;
            }
            String missing = s.rows == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * (s.rows - c.count) / s.rows);
            table.row(m.column(), m.csvHeader(), m.unit(), c.count, missing,
                    c.count == 0 ? "-" : RecordLines.number(c.min), c.count == 0 ? "-" : significant(c.mean()),
                    c.count == 0 ? "-" : RecordLines.number(c.max));
        }
        table.print(out);
        out.println("duplicates: " + (s.hasKafkaColumns
                ? (s.duplicateOffsets == 0 ? "none" : s.duplicateOffsets) + " on (kafka_partition, kafka_offset)"
                : "(kafka_partition, kafka_offset) not in every file, not checked")
                + "; " + (s.duplicateReadings == 0 ? "none" : s.duplicateReadings) + " on (station, timestamp)");
    }

    /** Four significant digits, plain notation: 2.153, 246.9, 1479. */
    static String significant(double v) {
        return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
