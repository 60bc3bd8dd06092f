package io.aqstream.producer;

import io.aqstream.common.cli.VerboseOption;
import io.aqstream.common.Topics;
import io.aqstream.common.cli.CommandRunner;
import io.aqstream.common.cli.ExitCodeHelp;
import io.aqstream.common.cli.ExitCodeList;
import io.aqstream.common.cli.ExitCodeList.Code;
import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.GracefulStop;
import io.aqstream.common.cli.KafkaClientOptions;
import io.aqstream.common.cli.RunLabel;
import io.aqstream.common.cli.UserException;
import io.aqstream.common.format.FormatProfile;
import io.aqstream.common.format.FormatProfiles;
import io.aqstream.producer.csv.FormatChoice;
import io.aqstream.producer.csv.InputFiles;
import io.aqstream.producer.replay.StationReplays;
import io.aqstream.common.metrics.MetricsOption;
import io.aqstream.common.metrics.MetricsServer;
import io.aqstream.producer.replay.ReplayMetrics;
import io.aqstream.producer.replay.OnError;
import io.aqstream.producer.replay.ReplaySettings;
import io.aqstream.producer.replay.Replayer;
import io.aqstream.producer.replay.Speed;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bin/produce}: replays an air-quality CSV of a known format into Kafka, exactly once, resumable. */
@Command(name = "produce", sortOptions = false,
        description = {
            "Replays an air-quality CSV into Kafka: one JSON message per row, keyed by station, in transactions of"
                    + " --batch-size rows. The format (UCI Air Quality, Beijing Multi-Site, or one described in"
                    + " conf/formats/) is recognised from the header, or named with --format.",
            "Run the same command again after a crash, Ctrl-C or a broker restart: it continues after the last"
                    + " committed row, so every row lands exactly once.",
        },
        modelTransformer = ExitCodeHelp.class)
@ExitCodeList({
    @Code(value = ExitCodes.OK, meaning = "Success (also: the replay had already finished; nothing sent)."),
    @Code(value = ExitCodes.FAILURE, meaning = "Unexpected failure; details in logs/producer.log."),
    @Code(ExitCodes.USAGE),
    @Code(value = ExitCodes.BAD_INPUT, meaning = "Unusable input: missing file, wrong format, a bad row under"
            + " --on-error fail, a file whose already-sent lines changed, or (--single-source) a topic holding another"
            + " data set."),
    @Code(value = ExitCodes.KAFKA_UNAVAILABLE, meaning = "Kafka unreachable (after --wait-for-broker), refused the"
            + " request, or stopped answering."),
    @Code(value = ExitCodes.ENVIRONMENT, meaning = "The --metrics-port is already in use, or out of memory (more heap:"
            + " AQ_HEAP_OPTS=-Xmx1g; committed rows are kept and the same command goes on)."),
    @Code(value = ExitCodes.INTERRUPTED, meaning = "Interrupted (Ctrl-C); rows committed so far are kept, rerun to"
            + " continue."),
})
public final class ProduceCommand implements Callable<Integer> {
    /** -v: applied by bin/lib/aq.sh at JVM start; declared here for --help and parsing. */
    @Mixin
    VerboseOption verbose = new VerboseOption();

    static final List<String> CODECS = List.of("none", "gzip", "snappy", "lz4", "zstd");

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaClientOptions kafka = new KafkaClientOptions();

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = {"-V", "--version"}, versionHelp = true, description = "Print the version and exit.")
    boolean version;

    @Parameters(arity = "1..*", paramLabel = "CSV_FILE|DIR",
            description = "The CSV to replay, e.g. data/AirQualityUCI.csv (shipped with the project) or a file from"
                    + " bin/generate; or several files, or folders of them (their *.csv), e.g. the 12 Beijing station"
                    + " files: replayed by this one process, each file with its own transactions and resume"
                    + " checkpoint, all in one format.")
    List<Path> files;

    @Option(names = "--format", paramLabel = "NAME|FILE",
            description = "The file's format: a name from conf/formats/ (uci, beijing) or the path of a format file"
                    + " (docs/formats.md). Default: the known format whose header the file starts with.")
    String format;

    @Option(names = "--station", paramLabel = "ID",
            description = "Station id: the message key and the 'station' field, for formats that take the station"
                    + " from the file name (uci). Default: the file name without its extension (AirQualityUCI.csv ->"
                    + " AirQualityUCI; bin/generate writes one file per station).")
    String station;

    @Option(names = "--topic", paramLabel = "TOPIC",
            description = "Topic to write to. Default: the format's 'topic' (" + Topics.DATA + " for the UCI file).")
    String topic;

    @Option(names = "--speed", paramLabel = "max|N", defaultValue = "86400", converter = Speed.Converter.class,
            description = "Pacing on the data's own clock: 'max' = as fast as possible, N = N times real time"
                    + " (3600 = one data hour per second). Default: ${DEFAULT-VALUE} (one data day per second:"
                    + " the real file in about 6.5 minutes, rows visible as they arrive).")
    Speed speed;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "100",
            description = "Rows per transaction (read_committed readers see whole batches only). While pacing,"
                    + " a batch is also committed after about 1 s. Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--on-error", paramLabel = "fail|skip|dlq", defaultValue = "fail",
            description = "A row that is not in the format: 'fail' stops (exit 3; committed rows stay, fix the row"
                    + " and rerun to continue), 'skip' counts it and goes on, 'dlq' sends the raw line to "
                    + Topics.DEAD_LETTER + " with headers naming file, line, column and reason. Default: ${DEFAULT-VALUE}.")
    OnError onError;

    @Option(names = "--compression", paramLabel = "CODEC", defaultValue = "gzip",
            description = "Batch compression: none, gzip, snappy, lz4 or zstd. Default: ${DEFAULT-VALUE}.")
    String compression;

    @Option(names = "--from-start",
            description = "Replay from the first row even if this replay already sent some or all rows"
                    + " (they are sent again).")
    boolean fromStart;

    @Option(names = "--single-source",
            description = "Send nothing (exit 3) if the topic already holds rows of another replay (another file"
                    + " or station), so the topic and its processed_data/ folder hold one data set. bin/pipeline"
                    + " uses it.")
    boolean singleSource;

    @Option(names = "--replay-id", paramLabel = "ID",
            description = "Names the replay (its transactional.id and its key in " + Topics.REPLAY_CHECKPOINTS
                    + "). Default: aq-produce:<topic>:<station>:<file name>, so the same command resumes.")
    String replayId;

    @Option(names = "--wait-for-broker", paramLabel = "DURATION", defaultValue = "30s",
            converter = DurationConverter.class,
            description = "How long to wait for Kafka to answer before giving up (exit 4). Default: ${DEFAULT-VALUE}.")
    Duration waitForBroker;

    @Mixin
    MetricsOption metrics = new MetricsOption();

    /** Tests only: runs after the replay, while the metrics endpoint still serves the final figures. */
    Runnable beforeMetricsStop = () -> { };

    public static void main(String[] args) {
        CommandRunner.exit(new ProduceCommand(), args);
    }

    @Override
    public Integer call() {
        validateOptions();
        List<Path> inputs = InputFiles.expand(files);
        if (inputs.size() > 1) {
            return callMany(inputs);
        }
        ReplaySettings settings = settings(inputs.get(0), FormatChoice.of(FormatProfiles.ofProject(), format,
                inputs.get(0)));
        RunLabel.set("replay", settings.replayId());
        AtomicBoolean stop = new AtomicBoolean();
        Replayer replayer = new Replayer(settings, spec.commandLine().getOut(), spec.commandLine().getErr(), stop,
                System.console() != null);
        // Before any connection: a taken port stops the command before it sends anything.
        try (MetricsServer server = metrics.start(() -> ReplayMetrics.of(replayer.stats(), settings.replayId(),
                settings.topic()))) {
            try {
                return run(replayer, stop);
            } finally {
                if (server != null) {
                    beforeMetricsStop.run();
                }
            }
        }
    }

    private static int run(Replayer replayer, AtomicBoolean stop) {
        // Ctrl-C: ask the replay loop to stop, and give it time to abort its open transaction cleanly.
        // The JVM then exits with 130 (128 + SIGINT) by itself.
        GracefulStop graceful = GracefulStop.install("aq-produce-shutdown", Duration.ofSeconds(15), () -> stop.set(true));
        try {
            return replayer.run();
        } finally {
            graceful.done();
        }
    }

    /** Several files: one replay per file in this process ({@link StationReplays}). */
    private int callMany(List<Path> inputs) {
        if (station != null || replayId != null || metrics.port() != null) {
            throw usage((station != null ? "--station" : replayId != null ? "--replay-id" : "--metrics-port")
                    + " names one replay; with several files each file is its own replay (its station and replay"
                    + " id come from the file). Give one file, or leave the option out.");
        }
        FormatProfiles formats = FormatProfiles.ofProject();
        FormatProfile first = null;
        Path firstFile = null;
        List<ReplaySettings> all = new ArrayList<>();
        for (Path file : inputs) {
            FormatProfile profile = FormatChoice.of(formats, format, file);
            if (first == null) {
                first = profile;
                firstFile = file;
            } else if (!first.name().equals(profile.name())) {
                throw new UserException(ExitCodes.BAD_INPUT, file + ": is in format " + profile.name() + " but "
                        + firstFile + " is in format " + first.name() + "; one replay takes one format. Replay them"
                        + " with one bin/produce each, or move the other files out of the folder. Nothing was sent.");
            }
            all.add(settings(file, profile));
        }
        // --single-source: the stations of this replay are one data set, not each other's "other data".
        Set<String> ids = all.stream().map(ReplaySettings::replayId).collect(Collectors.toSet());
        all.replaceAll(s -> s.withDataSet(ids));
        RunLabel.set("replay", all.size() + " files");
        AtomicBoolean stop = new AtomicBoolean();
        GracefulStop graceful = GracefulStop.install("aq-produce-shutdown", Duration.ofSeconds(15), () -> stop.set(true));
        try {
            return new StationReplays(all, spec.commandLine().getOut(), spec.commandLine().getErr(), stop).run();
        } finally {
            graceful.done();
        }
    }

    /** The options alone, checked before any file is opened. */
    private void validateOptions() {
        metrics.validate();
        if (batchSize < 1 || batchSize > 1_000_000) {
            throw usage("--batch-size must be between 1 and 1000000, got " + batchSize);
        }
        if (!CODECS.contains(codec())) {
            throw usage("--compression '" + compression + "' is not one of " + String.join(", ", CODECS));
        }
        if (topic != null && topic.isBlank()) {
            throw usage("--topic must not be empty");
        }
    }

    private String codec() {
        return compression.strip().toLowerCase(Locale.ROOT);
    }

    /** One file's replay, once the options are valid and its format is known. */
    ReplaySettings settings(Path file, FormatProfile profile) {
        String codec = codec();
        if (station != null && profile.stationColumn() >= 0) {
            throw usage("--station applies to formats that take the station from the file name; " + profile.name()
                    + " takes it from each row's column '" + profile.columns().get(profile.stationColumn())
                    + "'. Leave --station out.");
        }
        String topicName = topic != null ? topic.strip() : profile.topic();
        String stationId = station != null ? station.strip() : defaultStation(file);
        if (stationId.isEmpty()) {
            throw usage("--station must not be empty");
        }
        String fileName = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        String id = replayId != null && !replayId.isBlank() ? replayId.strip()
                : ReplaySettings.defaultReplayId(topicName, stationId, fileName);
        return new ReplaySettings(file, stationId, topicName, Topics.DEAD_LETTER, Topics.REPLAY_CHECKPOINTS, batchSize,
                codec, speed, onError, fromStart, id, waitForBroker, kafka.clientProperties(), singleSource, profile,
                Set.of(id));
    }

    /** The file name without its extension: one generated file per station gives one key per station. */
    static String defaultStation(Path file) {
        Path name = file.getFileName();
        String n = name == null ? "station" : name.toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    private static UserException usage(String message) {
        return new UserException(ExitCodes.USAGE, message);
    }
}
