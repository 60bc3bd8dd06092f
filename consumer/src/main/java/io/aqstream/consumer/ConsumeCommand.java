package io.aqstream.consumer;

import io.aqstream.common.ConsumerGroups;
import io.aqstream.common.cli.VerboseOption;
import io.aqstream.common.Topics;
import io.aqstream.common.format.FormatProfiles;
import io.aqstream.common.cli.CommandRunner;
import io.aqstream.common.cli.ExitCodeHelp;
import io.aqstream.common.cli.ExitCodeList;
import io.aqstream.common.cli.ExitCodeList.Code;
import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.GracefulStop;
import io.aqstream.common.cli.KafkaClientOptions;
import io.aqstream.common.cli.RunLabel;
import io.aqstream.common.cli.UserException;
import io.aqstream.common.metrics.MetricsOption;
import io.aqstream.common.metrics.MetricsServer;
import io.aqstream.common.processed.ProcessedData;
import io.aqstream.consumer.parquet.ParquetRowWriter;
import io.aqstream.consumer.files.OutputFolder;
import io.aqstream.consumer.sink.ParquetSink;
import io.aqstream.consumer.sink.RollPolicy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bin/consume}: committed rows of one or more topics → Parquet files in processed_data/, exactly once. */
@Command(name = "consume", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Reads the committed rows of a topic (read_committed) and writes them as Parquet files into"
                + " OUTPUT/<topic>/, every row exactly once whatever crashes in between: a file appears only when"
                + " complete (written as a hidden .inprogress file, fsynced, renamed), and the position is recovered"
                + " from the file names at every start. Messages that break the JSON contract go to "
                + Topics.DEAD_LETTER + ". Progress on stderr, a summary on stdout; Ctrl-C stops cleanly.",
        modelTransformer = ExitCodeHelp.class)
@ExitCodeList({
    @Code(value = ExitCodes.OK, meaning = "Success (stopped by --stop-after-idle)."),
    @Code(ExitCodes.FAILURE),
    @Code(ExitCodes.USAGE),
    @Code(value = ExitCodes.BAD_INPUT, meaning = "The output folder holds files of another topic incarnation (after a"
            + " reset), or the group already consumed rows the folder does not hold (see --from-beginning); nothing"
            + " was written."),
    @Code(value = ExitCodes.KAFKA_UNAVAILABLE, meaning = "Kafka unreachable, topic missing, or a request refused."),
    @Code(value = ExitCodes.ENVIRONMENT, meaning = "Output folder not writable or disk full (rerun after fixing it,"
            + " nothing is lost), the --metrics-port is already in use, or out of memory (more heap: AQ_HEAP_OPTS=-Xmx1g)."),
    @Code(value = ExitCodes.INTERRUPTED, meaning = "Interrupted (Ctrl-C); open files were finished and committed first."),
})
public final class ConsumeCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumeCommand.class);

    /** -v: applied by bin/lib/aq.sh at JVM start; declared here for --help and parsing. */
    @Mixin
    VerboseOption verbose = new VerboseOption();


    @Spec
    CommandSpec spec;

    @Mixin
    KafkaClientOptions kafka = new KafkaClientOptions();

    @Option(names = "--output", paramLabel = "DIR",
            description = "Folder for the Parquet files (written to DIR/<topic>/). Default: processed_data/ in the"
                    + " project folder (or in the current folder when run outside bin/).")
    Path output;

    @Option(names = "--group", paramLabel = "ID", defaultValue = ConsumerGroups.PARQUET,
            description = "Consumer group. Consumers of one group share the partitions. Default: ${DEFAULT-VALUE}.")
    String group;

    @Option(names = "--topic", paramLabel = "TOPIC", defaultValue = Topics.DATA,
            description = "Topic to read; repeat it to read several in this process, one consumer each, every topic"
                    + " into OUTPUT/<topic>/ with its format's columns (conf/formats/). Default: ${DEFAULT-VALUE}.")
    List<String> topics;

    @Option(names = "--format", paramLabel = "NAME|FILE",
            description = "The format of the topics' messages, hence their Parquet columns: a name from conf/formats/"
                    + " or a format file. Default: the format whose 'topic' each topic is (air-quality-beijing:"
                    + " beijing); a topic no format names is read as " + Topics.DATA + "'s.")
    String format;

    @Option(names = "--from-beginning",
            description = "Partitions with no file in the output folder start at the topic's earliest offset, even"
                    + " if the group already consumed them into another folder (or one since deleted). Partitions"
                    + " with files here still resume just after them, so no row is written twice.")
    boolean fromBeginning;

    @Option(names = "--stop-after-idle", paramLabel = "SECONDS",
            description = "Finish the open files, commit and exit 0 after this many seconds without a new record"
                    + " (counted from joining the group). Default: run until Ctrl-C.")
    Long stopAfterIdle;

    @Option(names = "--stop-at-end",
            description = "Finish the open files, commit and exit 0 once every partition is read up to the end it had"
                    + " when this consumer was given it (read_committed: its last committed row). For a topic whose"
                    + " producers have finished, such as bin/pipeline's: it stops as soon as it has everything,"
                    + " without waiting for --stop-after-idle.")
    boolean stopAtEnd;

    @Option(names = "--stop-at-end-after-stdin",
            description = "Like --stop-at-end, but each partition's end is taken once stdin closes, not when the"
                    + " partition is given to this consumer; until then rows are read and written as they come. For a"
                    + " consumer started beside its producer by a program that closes this consumer's stdin once the"
                    + " producer has committed its last row, as bin/pipeline does.")
    boolean stopAtEndAfterStdin;

    private BooleanSupplier endsFinal;

    @Option(names = "--roll-records", paramLabel = "N", defaultValue = "100000",
            description = "Close a file after this many rows. Default: ${DEFAULT-VALUE}.")
    long rollRecords;

    @Option(names = "--roll-mb", paramLabel = "MB", defaultValue = "64",
            description = "Close a file once it reaches about this many megabytes (compressed). Default: ${DEFAULT-VALUE}.")
    long rollMb;

    @Option(names = "--roll-interval", paramLabel = "SECONDS", defaultValue = "60",
            description = "Close a file this many seconds after it was opened, so steadily trickling rows become"
                    + " visible at least this often. Default: ${DEFAULT-VALUE}.")
    long rollIntervalSeconds;

    @Option(names = "--idle-flush", paramLabel = "SECONDS", defaultValue = "5",
            description = "Close a partition's file when it got no record for this many seconds, so the end of a"
                    + " burst shows up promptly. Default: ${DEFAULT-VALUE}.")
    long idleFlushSeconds;

    @Option(names = "--progress", paramLabel = "SECONDS", defaultValue = "5",
            description = "Seconds between progress lines on stderr; 0 = none. Default: ${DEFAULT-VALUE}.")
    long progressSeconds;

    @Mixin
    MetricsOption metrics = new MetricsOption();

    /** Tests only: runs after the loop ended, while the metrics endpoint still serves the final figures. */
    Runnable beforeMetricsStop = () -> { };

    /** How the output folder is opened; tests open one that fails at a chosen step. */
    BiFunction<Path, String, OutputFolder> folders = OutputFolder::open;

    private volatile ConsumeLoop running;

    public static void main(String[] args) {
        CommandRunner.exit(new ConsumeCommand(), args);
    }

    @Override
    public Integer call() {
        List<ConsumeSettings> all = settingsPerTopic();
        if (all.size() > 1) {
            return consumeAll(all);
        }
        ConsumeSettings settings = all.get(0);
        RunLabel.set("group", settings.group());
        // Before the consumer exists: a taken port stops the command before it joins the group.
        try (MetricsServer server = metrics.start(() -> {
            ConsumeLoop loop = running;
            return ConsumeMetrics.of(loop == null ? ConsumeMetrics.Figures.NONE : loop.figures(), settings.topic(),
                    settings.group());
        })) {
            try {
                return consume(settings);
            } finally {
                if (server != null) {
                    beforeMetricsStop.run();
                }
            }
        }
    }

    private int consume(ConsumeSettings settings) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long started = System.nanoTime();
        ConsumeLoop loop = new ConsumeLoop(kafka.clientProperties(), settings,
                folders.apply(settings.output(), settings.topic()), err);
        running = loop;
        err.println("consume: " + settings.topic() + " -> " + loop.folder().dir() + " (group " + settings.group()
                + ", read_committed)" + (settings.stopAfterIdle() == null && !settings.stopAtEnd() ? "; Ctrl-C to stop" : ""));
        err.flush();
        // Ctrl-C: stop polling, finish and commit the open files, then let the JVM exit (status 130).
        GracefulStop graceful = GracefulStop.install("aq-consume-shutdown", Duration.ofSeconds(60), loop::requestStop);
        try {
            loop.run();
            logSummary(settings, loop, System.nanoTime() - started);
            printSummary(out, loop, System.nanoTime() - started);
        } finally {
            graceful.done();
        }
        return loop.stoppedByUser() ? ExitCodes.INTERRUPTED : ExitCodes.OK;
    }

    /**
     * Several topics: one {@link ConsumeLoop} per topic, each on its own thread with its own consumer, folder
     * and contract, so each stays exactly once exactly as alone; Ctrl-C stops them all.
     */
    private int consumeAll(List<ConsumeSettings> all) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RunLabel.set("group", all.get(0).group());
        long started = System.nanoTime();
        List<ConsumeLoop> loops = new ArrayList<>();
        for (ConsumeSettings s : all) {
            ConsumeLoop loop = new ConsumeLoop(kafka.clientProperties(), s, folders.apply(s.output(), s.topic()), err);
            loops.add(loop);
            err.println("consume: " + s.topic() + " -> " + loop.folder().dir() + " (group " + s.group()
                    + ", read_committed)" + (s.stopAfterIdle() == null && !s.stopAtEnd() ? "; Ctrl-C to stop" : ""));
        }
        err.flush();
        GracefulStop graceful = GracefulStop.install("aq-consume-shutdown", Duration.ofSeconds(60),
                () -> loops.forEach(ConsumeLoop::requestStop));
        try {
            TopicThreads.runAll(loops);
            for (int i = 0; i < loops.size(); i++) {
                long nanos = System.nanoTime() - started;
                logSummary(all.get(i), loops.get(i), nanos);
                out.println("topic:           " + all.get(i).topic());
                printSummary(out, loops.get(i), nanos);
            }
        } finally {
            graceful.done();
        }
        return loops.stream().anyMatch(ConsumeLoop::stoppedByUser) ? ExitCodes.INTERRUPTED : ExitCodes.OK;
    }

    /** One settings per --topic, in the order given; validated once. */
    List<ConsumeSettings> settingsPerTopic() {
        List<String> distinct = topics.stream().map(String::strip).distinct().toList();
        if (distinct.size() > 1 && metrics.port() != null) {
            throw usage("--metrics-port serves one topic's figures; give one --topic with it, or run one bin/consume"
                    + " per topic");
        }
        List<ConsumeSettings> out = new ArrayList<>();
        for (String t : distinct) {
            out.add(settings(t));
        }
        return out;
    }

    /** Validates the options, in one place. */
    ConsumeSettings settings(String topic) {
        if (topic.isEmpty()) {
            throw usage("--topic must not be empty");
        }
        metrics.validate();
        requirePositive("--roll-records", rollRecords);
        requirePositive("--roll-mb", rollMb);
        requirePositive("--roll-interval", rollIntervalSeconds);
        requirePositive("--idle-flush", idleFlushSeconds);
        if (stopAfterIdle != null) {
            requirePositive("--stop-after-idle", stopAfterIdle);
        }
        if (progressSeconds < 0) {
            throw usage("--progress must be 0 (off) or a number of seconds, not " + progressSeconds);
        }
        RollPolicy roll = new RollPolicy(rollRecords, rollMb * 1024 * 1024,
                Duration.ofSeconds(rollIntervalSeconds), Duration.ofSeconds(idleFlushSeconds));
        return new ConsumeSettings(topic, group, output != null ? output : ProcessedData.defaultRoot(), roll,
                ParquetRowWriter.DEFAULT_ROW_GROUP_BYTES,
                stopAfterIdle == null ? null : Duration.ofSeconds(stopAfterIdle), endsFinal(),
                progressSeconds == 0 ? null : Duration.ofSeconds(progressSeconds), fromBeginning,
                format != null ? FormatProfiles.ofProject().byNameOrFile(format.strip())
                        : TopicFormat.of(FormatProfiles.ofProject(), topic));
    }

    /** The same for every topic of the command: stdin has one end. */
    private BooleanSupplier endsFinal() {
        if (endsFinal == null && (stopAtEnd || stopAtEndAfterStdin)) {
            endsFinal = stopAtEndAfterStdin ? StopAtEnd.afterEndOf(System.in) : StopAtEnd.now();
        }
        return endsFinal;
    }

    private void requirePositive(String option, long value) {
        if (value < 1) {
            throw usage(option + " must be at least 1, not " + value);
        }
    }

    private UserException usage(String message) {
        return new UserException(ExitCodes.USAGE, message);
    }

    /** The stop line of logs/consumer.log: this run's totals, beside the start line and the start positions. */
    private static void logSummary(ConsumeSettings settings, ConsumeLoop loop, long nanos) {
        ParquetSink sink = loop.sink();
        LOG.info(String.format(java.util.Locale.ROOT, "consume stopped (%s): topic %s -> %s (group %s): %d rows written in %d"
                + " files published, %d rejected to the dead-letter topic; %.1f s", loop.stopReason(), settings.topic(), sink.folder().dir(),
                settings.group(), sink.rowsPublished(), sink.publishedFiles().size(), loop.rejected(), nanos / 1e9));
    }

    private static void printSummary(PrintWriter out, ConsumeLoop loop, long nanos) {
        ParquetSink sink = loop.sink();
        out.println("rows written:    " + sink.rowsPublished());
        out.println("files written:   " + sink.publishedFiles().size());
        out.println("rejected (DLQ):  " + loop.rejected());
        out.println("time range:      " + (sink.minTimestamp() == null ? "(no rows)"
                : sink.minTimestamp() + " .. " + sink.maxTimestamp()));
        out.println("output:          " + sink.folder().dir());
        out.printf(java.util.Locale.ROOT, "elapsed:         %.1f s%n", nanos / 1e9);
        // Rows per second of work (reading, writing, fsync, rename, commit), waits for new records excluded.
        out.printf(java.util.Locale.ROOT, "throughput:      %.0f rows/s while busy%n",
                loop.busyNanos() == 0 ? 0.0 : sink.rowsPublished() / (loop.busyNanos() / 1e9));
        out.flush();
    }
}
