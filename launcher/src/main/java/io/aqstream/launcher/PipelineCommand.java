package io.aqstream.launcher;

import io.aqstream.admin.AdminCommand;
import io.aqstream.common.DataSetCredit;
import io.aqstream.common.cli.CommandRunner;
import io.aqstream.common.cli.ExitCodeList;
import io.aqstream.common.cli.ExitCodeList.Code;
import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.GracefulStop;
import io.aqstream.common.cli.LocalCluster;
import io.aqstream.common.cli.Plural;
import io.aqstream.common.cli.TlsProbe;
import io.aqstream.common.cli.UserException;
import io.aqstream.common.cli.VerboseOption;
import io.aqstream.common.cli.VersionInfo;
import io.aqstream.kraft.ClusterLayout;
import io.aqstream.kraft.HostPort;
import io.aqstream.kraft.NodeConfig;
import io.aqstream.kraft.PortOwners;
import io.aqstream.kraft.StartKraft;
import io.aqstream.kraft.StopKraft;
import io.aqstream.kraft.secure.SecureFiles;
import io.aqstream.report.ReportCommand;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * bin/pipeline: the whole pipeline in one command. Starts the KRaft node (or uses the one already
 * running), replays the data into Kafka, consumes it into processed_data/ (a single CSV while it is replayed,
 * a folder after) until caught up, stops what it
 * started, prints a summary computed from the Parquet files just written, and writes their HTML report
 * (bin/aq-report). Each step is the user's own command in its own JVM ({@link ChildJvm}), except the node's
 * start and stop, which only start or signal the node's own JVM, and the summary and the report, which only
 * read the finished files ({@link InProcessStep}): those run here; the options of
 * bin/produce are accepted here too ({@link PipelineOptions}) and checked before anything runs.
 */
@Command(name = "pipeline", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class, sortOptions = false,
        description = {
            "Runs the whole pipeline: starts the Kafka node (or uses the one already running on the port of"
                    + " conf/server.properties), replays the CSV into Kafka at full speed, writes the rows as"
                    + " Parquet into processed_data/ until caught up (a single CSV: one consumer, during the replay;"
                    + " a folder: one consumer per partition holding rows, in one group, after it), stops the node it"
                    + " started, prints a summary read back from the Parquet files"
                    + " (bin/aq-admin summary, in the format's columns and units), and writes the HTML report of"
                    + " bin/aq-report (its path on the last line of stdout).",
            "",
            "Every option of bin/produce is accepted and passed on (see bin/produce --help);"
                    + " --bootstrap-server, --command-config and --topic also go to the consumer, and then no"
                    + " local node is started.",
            "",
            "One data set per topic and folder: a file other than the one already replayed into the topic"
                    + " stops the pipeline before anything is sent (exit 3); bin/start-over clears Kafka and"
                    + " processed_data/ for new data."},
        footer = {"", "Any other exit code is the one of the step that failed (see its --help)."},
        modelTransformer = PipelineOptions.class)
@ExitCodeList({
    @Code(ExitCodes.OK),
    @Code(ExitCodes.FAILURE),
    @Code(ExitCodes.USAGE),
    @Code(value = ExitCodes.BAD_INPUT, meaning = "No such data file, an unusable row, or a file other than the one"
            + " already in the topic."),
    @Code(value = ExitCodes.KAFKA_UNAVAILABLE, meaning = "Kafka unreachable or refused the request."),
    @Code(value = ExitCodes.ENVIRONMENT, meaning = "The node's port is held by a program that is not Kafka, or the"
            + " node could not start (port in use, disk)."),
    @Code(ExitCodes.INTERRUPTED),
})
public final class PipelineCommand implements Callable<Integer> {
    /** The data set the project ships (UCI Air Quality, CC BY 4.0; credit in data/README.md). */
    static final String SHIPPED_DATA = "data/AirQualityUCI.csv";
    static final String UCI_PAGE = "https://archive.ics.uci.edu/dataset/360/air+quality";
    /** How long the consumer waits with no new rows before it counts itself caught up. */
    private static final String IDLE_SECONDS = System.getenv().getOrDefault("AQ_PIPELINE_IDLE_SECONDS", "3");
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

    @Mixin
    VerboseOption verbose = new VerboseOption();

    @Option(names = "--file", paramLabel = "CSV|DIR",
            description = "The data to replay: a CSV, or a folder of CSVs in one format (e.g. the 12 Beijing station"
                    + " files, into the format's topic). Default: " + SHIPPED_DATA + ", the real UCI file shipped"
                    + " with the project.")
    Path file;

    @Option(names = "--output", paramLabel = "DIR", description = "Where the Parquet goes. Default: processed_data/.")
    Path output;

    @Option(names = "--keep-node", description = "Leave a node this command started running at the end"
            + " (default: stop it).")
    boolean keepNode;

    @Option(names = "--nodes", paramLabel = "N", defaultValue = "1",
            description = "1: one Kafka node (the default); 3: the local 3-node cluster of bin/start-kraft --nodes 3"
                    + " (replication factor 3, min.insync.replicas 2), started unless it runs.")
    int nodes;

    @Option(names = "--secure", description = "The secure profile (docs/security.md): starts the node (with --nodes 3"
            + " the cluster) with bin/start-kraft --secure unless it runs, then the producer connects as the producer"
            + " role and the consumer as the consumer role, with the files of data/secure/.")
    boolean secure;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        CommandRunner.exit(new PipelineCommand(), args);
    }

    @Override
    public Integer call() throws Exception {
        long started = System.nanoTime();
        PrintWriter err = spec.commandLine().getErr();
        Path home = LaunchSettings.home();
        Path data = dataFile(home);
        if (file == null) {
            err.println("pipeline: replaying " + SHIPPED_DATA + ": " + DataSetCredit.UCI + " (credit in data/README.md)");
        }
        PipelineOptions.Forwarded forwarded = PipelineOptions.forwarded(spec);

        ChildJvm steps = new ChildJvm(home);
        GracefulStop stop = GracefulStop.install("aq-pipeline-shutdown", Duration.ofMinutes(2), steps::stopCurrent);
        boolean nodeStarted = false;
        try {
            List<String> client = new ArrayList<>(forwarded.client());
            List<String> consumerClient = client;
            if (secure) {
                if (!client.isEmpty()) {
                    throw new UserException(ExitCodes.USAGE, "--secure runs the project's own node (or with --nodes 3"
                            + " its cluster) with the secure profile; it cannot be combined with --bootstrap-server or"
                            + " --command-config.");
                }
                String bootstrap = cluster() ? clusterBootstrap(home) : NodeConfig.load(home.resolve("conf")
                        .resolve("server.properties"), List.of()).bootstrapServers();
                if (!secureNodeAnswers(bootstrap, err)) {
                    int code = startNode(steps, cluster() ? List.of("--nodes", "3", "--secure", "--daemon")
                            : List.of("--secure", "--daemon"), err);
                    if (code != ExitCodes.OK) {
                        return code; // start-kraft said why
                    }
                    nodeStarted = true;
                    if (steps.stopping()) {
                        return ExitCodes.INTERRUPTED; // Ctrl-C while the node started: stopped below
                    }
                }
                // Each part with its own role: the files hold the address, TLS trust and login.
                Path roles = home.resolve("data").resolve("secure");
                client.addAll(List.of("--command-config", SecureFiles.roleProperties(roles, "producer").toString()));
                consumerClient = List.of("--command-config", SecureFiles.roleProperties(roles, "consumer").toString());
            } else if (client.isEmpty()) {
                // The project's own node or cluster, at the addresses its configuration gives.
                String bootstrap = cluster() ? clusterBootstrap(home) : NodeConfig.load(home.resolve("conf")
                        .resolve("server.properties"), List.of()).bootstrapServers();
                Optional<String> running = LocalCluster.bootstrapServers();
                if (!cluster() && running.isPresent() && nodeAnswers(running.get(), err)) {
                    bootstrap = running.get(); // the local cluster runs: the commands' own default too
                } else if (!nodeAnswers(bootstrap, err)) {
                    int code = startNode(steps, cluster() ? List.of("--nodes", "3", "--daemon") : List.of("--daemon"),
                            err);
                    if (code != ExitCodes.OK) {
                        return code; // start-kraft said why
                    }
                    nodeStarted = true;
                    if (steps.stopping()) {
                        return ExitCodes.INTERRUPTED; // Ctrl-C while the node started: stopped below
                    }
                }
                client.addAll(List.of("--bootstrap-server", bootstrap));
            } else if (cluster()) {
                throw new UserException(ExitCodes.USAGE, "--nodes 3 starts the project's local cluster, while"
                        + " --bootstrap-server or --command-config name Kafka elsewhere: give one of them.");
            }
            // Producer and consumer on one topic: the one given, else the data's format's (conf/formats/).
            List<String> topic = new ArrayList<>(forwarded.topic());
            if (topic.isEmpty()) {
                topic.addAll(List.of("--topic", PipelineData.formatTopic(data, forwarded.produceOnly())));
            }
            String topicName = topic.get(topic.size() - 1);
            List<String> produce = new ArrayList<>(List.of(data.toString(), "--single-source"));
            produce.addAll(client);
            produce.addAll(topic);
            produce.addAll(forwarded.produceOnly());
            if (!forwarded.speedGiven()) {
                produce.addAll(List.of("--speed", "max"));
            }
            List<String> consume = new ArrayList<>(consumerClient);
            consume.addAll(topic);
            if (output != null) {
                consume.addAll(List.of("--output", output.toString()));
            }
            int code;
            if (!cluster() && Files.isRegularFile(data)) {
                code = consumeDuringReplay(steps, produce, consume, topicName, err);
            } else {
                code = replayThenConsume(steps, produce, consume, consumerClient, topicName, err);
            }
            if (code != ExitCodes.OK) {
                return code;
            }
            // The summary, the report and the node's stop at once, all in this JVM: the first two only read the
            // finished Parquet files and need no Kafka, and none needs another's result. Their results keep their
            // order on stdout (the summary, then the report's path on the last line). The summary is of the topic
            // just written, in its format's columns and units.
            List<String> summaryArgs = new ArrayList<>(List.of("summary"));
            summaryArgs.addAll(topic);
            if (output != null) {
                summaryArgs.add(output.toString());
            }
            InProcessStep summary = InProcessStep.start(AqCommand.AQ_ADMIN, new AdminCommand(), summaryArgs, err);
            // The report of what was just written (any format: its columns come from the Parquet); it prints its
            // path on stdout. The topic is named explicitly: processed_data/ may hold other topics' folders too.
            List<String> report = new ArrayList<>(topic);
            if (output != null) {
                report.addAll(List.of("--data", output.toString()));
            }
            InProcessStep reportStep = InProcessStep.start(AqCommand.AQ_REPORT, new ReportCommand(), report, err);
            stopNode(nodeStarted, err);
            nodeStarted = false;
            PrintWriter out = spec.commandLine().getOut();
            int summaryCode = summary.finish(out);
            code = reportStep.finish(out);
            code = summaryCode != ExitCodes.OK ? summaryCode : code;
            if (code == ExitCodes.OK) {
                err.println("pipeline: done in " + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s");
            }
            return code;
        } finally {
            stopNode(nodeStarted, err);
            stop.done();
        }
    }

    /**
     * A single CSV is one station, so its rows go to one partition: one consumer reads the topic while the
     * replay runs, and its Parquet is written meanwhile. The consumer takes the partitions' ends only once its
     * stdin closes (bin/consume --stop-at-end-after-stdin), which happens here after the replay has committed
     * its last row; so it stops with every row, as after a replay. No idle stop: a replay at --speed 1x may
     * pause for an hour between rows. A failed replay stops the consumer, which commits what it has written.
     */
    private int consumeDuringReplay(ChildJvm steps, List<String> produce, List<String> consume, String topicName,
            PrintWriter err) throws InterruptedException {
        List<String> args = new ArrayList<>(consume);
        args.add("--stop-at-end-after-stdin");
        err.println("pipeline: consuming " + topicName + " while it is replayed, with 1 consumer (one file is one"
                + " station, so one partition)");
        err.flush();
        ChildJvm.Started consumer = steps.startWithInput(AqCommand.CONSUME, args);
        int replayed = steps.run(AqCommand.PRODUCE, produce, null);
        if (replayed == ExitCodes.OK) {
            loadReportEngine();
            consumer.closeInput();
        } else {
            consumer.stop();
        }
        int consumed = consumer.finish(spec.commandLine().getOut());
        return replayed != ExitCodes.OK ? replayed : consumed;
    }

    /**
     * A folder of stations (or the local cluster): the replay first, then one consumer per partition holding
     * rows, all in one group, each stopping at the end the replay left (the cluster's at the idle stop alone).
     */
    private int replayThenConsume(ChildJvm steps, List<String> produce, List<String> consume,
            List<String> consumerClient, String topicName, PrintWriter err) throws InterruptedException {
        int code = steps.run(AqCommand.PRODUCE, produce, null);
        if (code != ExitCodes.OK) {
            return code;
        }
        List<String> args = new ArrayList<>(consume);
        args.addAll(List.of("--stop-after-idle", IDLE_SECONDS));
        if (!cluster()) {
            // The replay has committed everything: the consumer stops as soon as it has read it all (the
            // idle stop stays as the fallback). The cluster's consumers share the partitions of one group and
            // keep the idle stop alone.
            args.add("--stop-at-end");
        }
        // One consumer per partition holding rows, all in one group: Kafka gives each its own partition.
        PartitionsWithRows.Count partitions = PartitionsWithRows.of(consumerClient, topicName);
        int consumers = Math.max(1, partitions.withRows());
        err.println("pipeline: consuming " + topicName + " with " + Plural.count(consumers, "consumer")
                + " in one group, one per partition holding rows (" + partitions.withRows() + " of "
                + partitions.partitions() + ")");
        loadReportEngine();
        code = consumers == 1 ? steps.run(AqCommand.CONSUME, args, null)
                : steps.runTogether(AqCommand.CONSUME, args, consumers);
        if (code == ExitCodes.OK && consumers > 1) {
            // Each member stops after --stop-after-idle without records, counted from its last record, so under
            // load all of them can stop while the group is still rebalancing, leaving a partition unread (seen:
            // half of the rows written). One consumer alone then reads whatever the group left, to the end.
            err.println("pipeline: one consumer reads what the group left, if anything");
            code = steps.run(AqCommand.CONSUME, args, null);
        }
        return code;
    }

    /**
     * Loads the report's engine (DuckDB) on a thread of its own while the last consumer finishes, since this JVM
     * only waits then, and the report at the end runs beside the node's stop; with the engine already loaded it no
     * longer outlasts it (docs/benchmarks.md, "bin/pipeline: 8.9 s to 8.3 s in the same run").
     */
    private static void loadReportEngine() {
        Thread t = new Thread(ReportCommand::loadEngine, "aq-pipeline-report-engine");
        t.setDaemon(true);
        t.start();
    }

    /**
     * bin/start-kraft --daemon's own code, run in this JVM: it only checks the configuration, starts the node's
     * JVM and waits for its ready line, so a JVM of its own (about a second) would only add to the wall time. The
     * node's JVM gets start-kraft's options as bin/start-kraft would give them (its options file, AQ_HEAP_OPTS,
     * AQ_JAVA_OPTS) and its own class-data archive. Its ready line is progress here, so it goes to stderr.
     */
    private static int startNode(ChildJvm steps, List<String> args, PrintWriter err) {
        StartKraft start = new StartKraft().nodeJvmOptions(steps.jvmOptions(AqCommand.START_KRAFT));
        return CommandRunner.run(start, args.toArray(new String[0]), err, err);
    }

    /**
     * bin/stop-kraft's own code, run in this JVM: stopping only signals the node's process and waits for it, so
     * it needs no JVM of its own, and a JVM start is a second or two of the pipeline's wall time.
     */
    private void stopNode(boolean nodeStarted, PrintWriter err) {
        if (nodeStarted && !keepNode) {
            err.println(cluster() ? "pipeline: stopping the cluster it started" : "pipeline: stopping the node it started");
            err.flush();
            CommandRunner.run(new StopKraft(), cluster() ? new String[] {"--nodes", "3"} : new String[0], err, err);
        }
    }

    private boolean cluster() {
        if (nodes != 1 && nodes != ClusterLayout.SIZE) {
            throw new UserException(ExitCodes.USAGE, "--nodes " + nodes + ": the pipeline runs on one node (--nodes 1,"
                    + " the default) or on the local cluster of three (--nodes 3).");
        }
        return nodes == ClusterLayout.SIZE;
    }

    /** The local cluster's addresses, as its profile places the nodes. */
    private static String clusterBootstrap(Path home) {
        return ClusterLayout.of(home.resolve("conf").resolve("cluster.properties")).bootstrapServers();
    }

    private Path dataFile(Path home) {
        if (file != null) {
            if (!Files.isRegularFile(file) && !Files.isDirectory(file)) {
                throw new UserException(ExitCodes.BAD_INPUT, file + ": no such file. Pass --file with the path of a"
                        + " CSV in a known format (or a folder of them), or leave --file out to replay "
                        + SHIPPED_DATA + ".");
            }
            return file;
        }
        Path shipped = home.resolve(SHIPPED_DATA);
        if (!Files.isRegularFile(shipped)) {
            throw new UserException(ExitCodes.BAD_INPUT, shipped + ": no such file; the project ships it, so it was"
                    + " moved or deleted. Restore it with 'git checkout -- " + SHIPPED_DATA + "', download"
                    + " AirQualityUCI.csv from " + UCI_PAGE + " into data/, or pass --file PATH.");
        }
        return shipped;
    }

    /**
     * --secure: true when the secure node answers (TLS) on the configured port, false when nothing listens
     * there; a plaintext node there is named, since the secure pipeline cannot use it.
     */
    private static boolean secureNodeAnswers(String bootstrap, PrintWriter err) {
        if (TlsProbe.speaksTls(bootstrap)) {
            err.println("pipeline: using the secure Kafka already running at " + bootstrap);
            return true;
        }
        HostPort address = HostPort.parse(bootstrap.split(",")[0]);
        if (KafkaProbe.probe(address.host(), address.port(), PROBE_TIMEOUT) == KafkaProbe.Answer.KAFKA) {
            throw new UserException(ExitCodes.ENVIRONMENT, "a plaintext Kafka node runs at " + bootstrap + ", so the"
                    + " secure one cannot start there. Stop it with bin/stop-kraft, then run bin/pipeline --secure again.");
        }
        return nodeAnswers(bootstrap, err);
    }

    /**
     * True when a Kafka node answers on the configured port, false when nothing listens there (start one).
     * Anything else on the port is a mistake to name now: a node started there would fail with "port in use".
     */
    private static boolean nodeAnswers(String bootstrap, PrintWriter err) {
        HostPort address = HostPort.parse(bootstrap.split(",")[0]);
        switch (KafkaProbe.probe(address.host(), address.port(), PROBE_TIMEOUT)) {
            case KAFKA:
                err.println("pipeline: using the Kafka node already running at " + bootstrap);
                return true;
            case NOT_KAFKA:
                throw new UserException(ExitCodes.ENVIRONMENT, bootstrap + " is held" + PortOwners.describeOwner(
                        address.port()) + ", which does not answer as Kafka, so no node can start there. Stop that"
                        + " program, or pass --bootstrap-server HOST:PORT of a running Kafka.");
            default:
                return false;
        }
    }
}
