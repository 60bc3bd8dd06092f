package io.aqstream.admin;

import io.aqstream.common.cli.Plural;
import io.aqstream.common.Topics;
import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.UserException;
import io.aqstream.common.format.FormatField;
import io.aqstream.common.format.FormatProfiles;
import io.aqstream.common.processed.FileNames;
import io.aqstream.common.processed.FolderMarker;
import io.aqstream.common.processed.ProcessedData;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** What is in processed_data/, computed from the Parquet files themselves. */
@Command(name = "summary", mixinStandardHelpOptions = true,
        description = {"Summarise the Parquet files in processed_data/ (needs no Kafka).",
            "Rows, files, stations, time range, and per measurement the count, missing share, min, mean and max"
                    + " (text measurements: count and missing share); duplicate Kafka offsets and duplicate (station,"
                    + " timestamp) readings. Reads the finished *.parquet files under DIR/TOPIC/ (default topic "
                    + Topics.DATA + "); names starting with '.' or '_' (in progress, markers) are skipped.",
            "The measurements, their CSV headers and units come from the data set's format (conf/formats/), found"
                    + " from the files' columns; columns no known format has are listed without them.",
            "Exits 6 when the folder is not one clean data set: duplicate (kafka_partition, kafka_offset) or"
                    + " (station, timestamp), or files of more than one topic incarnation (e.g. before and after a"
                    + " reset)."},
        modelTransformer = ExitCodeHelp.class)
public final class SummaryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "DIR",
            description = "The processed data folder. Default: processed_data/ of the aq-stream installation.")
    Path dir;

    @Option(names = "--topic", paramLabel = "TOPIC",
            description = "The data set: the folder DIR/TOPIC that bin/consume --topic TOPIC wrote (e.g."
                    + " air-quality-beijing). Default: DIR/" + Topics.DATA + " when it exists, else DIR itself.")
    String topic;

    @Override
    public Integer call() {
        Path folder = dataFolder(dir != null ? dir : defaultDir(), topic);
        ParquetSummary summary = ParquetSummary.of(folder, FormatProfiles.ofProject());
        if (summary.files.isEmpty()) {
            throw nothingFinished(folder);
        }
        print(summary, spec.commandLine().getOut());
        return verdict(summary, folder, spec.commandLine().getErr());
    }

    static Path defaultDir() {
        return ProcessedData.defaultRoot();
    }

    /**
     * No finished file: tells "bin/consume is still writing them" (files are visible only once closed)
     * apart from "nothing was consumed into this folder".
     */
    private static UserException nothingFinished(Path folder) {
        long open = inProgressFiles(folder);
        if (open == 0) {
            return new UserException(ExitCodes.BAD_INPUT, "no finished Parquet files under " + folder
                    + ". Run bin/consume (or bin/pipeline) first, or name the folder: bin/aq-admin summary DIR.");
        }
        Optional<FolderMarker> marker = FolderMarker.read(folder);
        String when = marker.filter(m -> m.rollIntervalSeconds() > 0)
                .map(m -> "within " + m.rollIntervalSeconds() + " s of being opened (its --roll-interval), or "
                        + m.idleFlushSeconds() + " s after their last row (--idle-flush)")
                .orElse("when it closes them (--roll-interval, --idle-flush)");
        return new UserException(ExitCodes.BAD_INPUT, "no finished Parquet file under " + folder + " yet: bin/consume"
                + " is still writing " + Plural.count(open, "file") + ". Rows become visible " + when
                + "; run the summary again then (or stop bin/consume, which finishes its files).");
    }

    private static long inProgressFiles(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(p -> FileNames.isInProgress(p.getFileName().toString())).count();
        } catch (IOException e) {
            return 0;
        }
    }

    /** OK, or {@link ExitCodes#UNHEALTHY} with one line on stderr when the folder cannot be trusted as one data set. */
    static int verdict(ParquetSummary s, Path folder, PrintWriter err) {
        List<String> problems = new ArrayList<>();
        if (s.mixesSources()) {
            problems.add("its files come from " + Plural.count(s.sources.size(), "topic incarnation") + " (see 'source' above)");
        }
        if (s.duplicateOffsets > 0) {
            problems.add(Plural.count(s.duplicateOffsets, "duplicate row") + " on (kafka_partition, kafka_offset)");
        }
        if (s.duplicateReadings > 0) {
            problems.add(Plural.count(s.duplicateReadings, "duplicate reading") + " on (station, timestamp)");
        }
        if (problems.isEmpty()) {
            return ExitCodes.OK;
        }
        err.println("error: " + folder + " is not one clean data set: " + String.join("; ", problems) + ". Analyses"
                + " of it would count rows twice. Start over with bin/start-over and replay once, or move the folder"
                + " aside and consume again into a new --output.");
        err.flush();
        return ExitCodes.UNHEALTHY;
    }

    /**
     * DIR/TOPIC when a topic is given; else DIR/air-quality-data when it exists; DIR itself when given the topic
     * folder or any folder of Parquet files.
     */
    static Path dataFolder(Path dir, String topic) {
        if (!Files.isDirectory(dir)) {
            throw new UserException(ExitCodes.BAD_INPUT, "no processed data folder at " + dir.toAbsolutePath()
                    + ". Run bin/consume (or bin/pipeline) first, or name the folder: bin/aq-admin summary DIR.");
        }
        if (topic != null) {
            Path folder = dir.resolve(topic);
            if (!Files.isDirectory(folder)) {
                throw new UserException(ExitCodes.BAD_INPUT, "no folder for topic " + topic + " under "
                        + dir.toAbsolutePath() + ". Run bin/consume --topic " + topic + " first, or give the topic"
                        + " whose folder DIR holds.");
            }
            return folder;
        }
        Path topicFolder = dir.resolve(Topics.DATA);
        return Files.isDirectory(topicFolder) ? topicFolder : dir;
    }

    static void print(ParquetSummary s, PrintWriter out) {
        out.println(Plural.count(s.rows, "row") + " in " + Plural.count(s.files.size(), "file") + " under "
                + s.root.toAbsolutePath().normalize());
        out.println("stations: " + s.stations.size() + (s.stations.isEmpty() ? "" : " (" + s.stations.stream().limit(5)
                .collect(Collectors.joining(", ")) + (s.stations.size() > 5 ? ", ..." : "") + ")"));
        s.sources.forEach((source, files) -> out.println("source: " + source + (s.sources.size() > 1
                ? ": " + Plural.count(files, "file") : "")));
        out.println("time range: " + (s.first == null ? "none" : s.first + " .. " + s.last + " (local time)"));
        s.format.ifPresent(f -> out.println("format: " + f.name() + " (" + f.source() + ")"));
        Table table = new Table("MEASUREMENT", "CSV", "UNIT", "COUNT", "MISSING", "MIN", "MEAN", "MAX");
        s.columns.forEach((name, c) -> {
            Optional<FormatField> field = s.format.flatMap(f -> f.fields().stream()
                    .filter(x -> x.name().equals(name)).findFirst());
            String csv = field.map(FormatField::column).orElse("-");
            String unit = field.map(FormatField::unit).filter(u -> !u.isEmpty()).orElse("-");
            if (!c.present) {
                table.row(name, csv, unit, "absent", "-", "-", "-", "-");
                return;
            }
            String missing = s.rows == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * (s.rows - c.count) / s.rows);
            boolean figures = c.numeric && c.count > 0;
            table.row(name, csv, unit, c.count, missing, figures ? RecordLines.number(c.min) : "-",
                    figures ? significant(c.mean()) : "-", figures ? RecordLines.number(c.max) : "-");
        });
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
