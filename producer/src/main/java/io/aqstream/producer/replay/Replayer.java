package io.aqstream.producer.replay;

import io.aqstream.common.cli.KafkaWait;
import io.aqstream.common.cli.Plural;
import io.aqstream.common.MessageHeaders;
import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.UserException;
import io.aqstream.producer.csv.HeaderCheck;
import io.aqstream.producer.csv.InputFile;
import io.aqstream.producer.csv.LineReader;
import io.aqstream.producer.csv.ProfileRowParser;
import io.aqstream.producer.csv.RowException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * One replay of a CSV file into Kafka, exactly once across restarts: reads the file, paces the rows,
 * applies the reject policy ({@code --on-error}) and reports. The transactions and checkpoints that make
 * it exactly once are {@link ReplayTransactions}'s.
 *
 * <p>Threads: a {@link RowPipeline} reads, parses and encodes rows ahead; this thread alone paces, sends,
 * keeps the fingerprint and commits, so all exactly-once decisions stay in one place, in file order.
 */
public final class Replayer {
    /** While pacing, a transaction stays open at most about this long, so readers see rows every second. */
    private static final long MAX_PACED_TXN_NANOS = 1_000_000_000L;
    /** Rejected rows printed one by one on stderr before only counting them. */
    private static final int MAX_PRINTED_REJECTS = 20;

    private final ReplaySettings s;
    private final PrintWriter out;
    private final PrintWriter err;
    private final AtomicBoolean stopRequested;
    private final boolean terminal;
    private final ReplayStats stats = new ReplayStats();
    /** Builds the data rows' records; used by the pipeline's reader thread only. */
    private final DataRecords dataRecords;
    private final ReplayLog log;
    /** The data clock this replay paces on: its own, or one shared by the stations of one process. */
    private final Pacer.Anchor anchor;

    private ReplayTransactions txns;
    private ReplayCheckpoint previous;

    public Replayer(ReplaySettings settings, PrintWriter out, PrintWriter err, AtomicBoolean stopRequested,
            boolean terminal) {
        this(settings, out, err, stopRequested, terminal, new Pacer.Anchor());
    }

    public Replayer(ReplaySettings settings, PrintWriter out, PrintWriter err, AtomicBoolean stopRequested,
            boolean terminal, Pacer.Anchor anchor) {
        this.anchor = anchor;
        this.s = settings;
        this.out = out;
        this.err = err;
        this.stopRequested = stopRequested;
        this.terminal = terminal;
        this.log = new ReplayLog(settings);
        this.dataRecords = new DataRecords(settings.topic(), settings.format().fields(),
                settings.format().stationColumn() < 0 ? settings.station() : null, settings.fileName());
    }

    /** This run's counters; other threads read only their {@link ReplayStats#snapshot()}. */
    public ReplayStats stats() {
        return stats;
    }

    /** @return the exit code: {@link ExitCodes#OK} or {@link ExitCodes#INTERRUPTED}; other outcomes throw */
    public int run() {
        try (InputFile input = InputFile.openChecked(s.file(), s.format())) { // before any connection: a wrong file sends nothing
            return run(input);
        }
    }

    private int run(InputFile input) {
        Properties adminProps = new Properties();
        adminProps.putAll(s.clientProps());
        adminProps.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        adminProps.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        adminProps.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "aq-produce-admin");
        Admin admin = Admin.create(adminProps);
        try {
            KafkaWait.announce(err, s.bootstrap(), s.waitForBroker());
            KafkaSetup.awaitBroker(admin, s.bootstrap(), s.waitForBroker(), stopRequested::get);
            List<String> topics = new ArrayList<>(List.of(s.topic(), s.checkpointTopic()));
            if (s.onError() == OnError.DLQ) {
                topics.add(s.deadLetterTopic());
            }
            KafkaSetup.ensureTopics(admin, s.bootstrap(), topics, s.checkpointTopic());
            try (WriteStall stall = new WriteStall(err, new ClusterDiagnosis(admin, s.bootstrap(), topics),
                    () -> stats.snapshot().committedLine());
                    ReplayTransactions transactions = new ReplayTransactions(s, stats, stall)) {
                txns = transactions;
                Map<String, ReplayCheckpoint> checkpoints = txns.start(admin);
                if (s.singleSource()) {
                    refuseOtherDataSets(checkpoints);
                }
                previous = txns.resumedFrom();
                return replay(input);
            }
        } finally {
            admin.close(Duration.ofMillis(500)); // pending calls (e.g. to a broker that never answered) are not worth waiting for
        }
    }

    private int replay(InputFile input) {
        ProfileRowParser parser = new ProfileRowParser(s.format(), s.station());
        LineFingerprint fingerprint = new LineFingerprint();
        Pacer pacer = new Pacer(s.speed(), System::nanoTime, anchor);
        ProgressReporter progress = new ProgressReporter(err, terminal, input.size());
        try (LineReader lines = input.lines()) {
            String header = lines.next(); // checked at open; only a change in place since then fails here
            String problem = header == null ? "1:1: the file is now empty" : HeaderCheck.problem(s.format(), header);
            if (problem != null) {
                throw new UserException(ExitCodes.BAD_INPUT, s.file() + ":" + problem);
            }
            fingerprint.add(header);
            long done = 1;
            if (previous != null) {
                done = skipCommittedLines(lines, fingerprint);
            }
            stats.resumedAfterLine = done;
            stats.committedLine = done;
            stats.startNanos = System.nanoTime();
            stats.publish();
            log.started(previous);
            long bytesRead = lines.bytesRead();
            boolean anyLine = false;
            try (RowPipeline<ProducerRecord<byte[], byte[]>> rows = new RowPipeline<>(lines, parser, dataRecords::record,
                    s.replaysInProcess())) {
                RowPipeline.Row<ProducerRecord<byte[], byte[]>> row;
                while ((row = rows.next()) != null) {
                    anyLine = true;
                    bytesRead = row.bytesRead;
                    if (stopRequested.get()) {
                        return interrupted(progress, bytesRead);
                    }
                    switch (row.kind) {
                        case EMPTY:
                            stats.emptyRows++;
                            break;
                        case BAD:
                            stats.rowsRead++;
                            reject(row.rawBytes, row.line, row.error);
                            break;
                        default:
                            stats.rowsRead++;
                            if (!waitUntilDue(pacer.delayNanos(row.timestamp), done, fingerprint, progress, bytesRead)) {
                                return interrupted(progress, bytesRead);
                            }
                            txns.send(row.record);
                            stats.rowsSent++;
                    }
                    fingerprint.add(row.text, row.textFrom, row.textTo);
                    done = row.line;
                    if (txns.records() >= s.batchSize()) {
                        commit(done, fingerprint, false);
                    } else if ((row.line & 63) == 0) {
                        stats.publish(); // a cheap copy every 64 lines, for --metrics-port
                    }
                    progress.update(stats, bytesRead);
                }
            }
            if (previous != null && !anyLine) {
                return alreadyFinished();
            }
            commit(done, fingerprint, true);
            stats.endNanos = System.nanoTime();
            stats.publish();
            progress.finish(stats, bytesRead);
            printSummary("finished");
            return ExitCodes.OK;
        } catch (IOException e) {
            txns.abort();
            throw new UserException(ExitCodes.BAD_INPUT, s.file() + ": cannot read it (" + e.getMessage() + ").", e);
        }
    }

    /**
     * --single-source: the topic must hold no rows of another replay (another file or station), so that
     * it, and the processed_data/ folder made from it, hold one data set.
     */
    private void refuseOtherDataSets(Map<String, ReplayCheckpoint> checkpoints) {
        List<String> others = new ArrayList<>();
        checkpoints.forEach((replayId, c) -> {
            boolean sameTopic = c.topic.isEmpty() ? replayId.startsWith("aq-produce:" + s.topic() + ":") : c.topic.equals(s.topic());
            if (!replayId.equals(s.replayId()) && !s.dataSet().contains(replayId) && sameTopic && c.rowsSent > 0) {
                others.add((c.file.isEmpty() ? replayId : c.file) + " (station " + c.station + ", " + Plural.count(c.rowsSent, "row") + ")");
            }
        });
        if (!others.isEmpty()) {
            Collections.sort(others);
            throw new UserException(ExitCodes.BAD_INPUT, s.topic() + " already holds another data set: "
                    + String.join(", ", others) + ". Replaying " + s.fileName() + " (station " + s.station() + ") into it"
                    + " would mix the two in the topic and in processed_data/, so nothing was sent. To replace it, start"
                    + " over with bin/start-over (it deletes the Kafka data and processed_data/ after asking) and"
                    + " rerun; to add this file beside it on purpose, run bin/produce without --single-source.");
        }
    }

    /** Reads lines 2..checkpoint line again, only to check that they are the lines that were sent. */
    private long skipCommittedLines(LineReader lines, LineFingerprint fingerprint) throws IOException {
        while (lines.lineNumber() < previous.line) {
            String l = lines.next();
            if (l == null) {
                break;
            }
            fingerprint.add(l);
        }
        if (lines.lineNumber() < previous.line || !fingerprint.snapshot().equals(previous.fingerprint)) {
            throw new UserException(ExitCodes.BAD_INPUT, s.file() + ": replay '" + s.replayId() + "' already sent lines"
                    + " 1-" + previous.line + " of a file with different content (its fingerprint does not match"
                    + " lines 1-" + previous.line + " of this file). To send this file from its first row, add"
                    + " --from-start (rows sent before stay in the topic); to keep both, give it another"
                    + " --station or --replay-id. Nothing was sent.");
        }
        return previous.line;
    }

    private void reject(byte[] line, long n, RowException e) {
        String where = e.describe(s.file().toString(), n);
        switch (s.onError()) {
            case FAIL:
                txns.abort();
                stats.endNanos = System.nanoTime();
                stats.publish();
                printSummary("stopped at a bad row");
                throw new UserException(ExitCodes.BAD_INPUT, where + ". Rows up to line " + stats.committedLine
                        + " are committed; fix the row and run the same command again to continue after line "
                        + stats.committedLine + ", or use --on-error skip|dlq.");
            case SKIP:
                stats.rowsRejected++;
                note("skipped " + where);
                break;
            case DLQ:
                txns.send(deadLetterRecord(line, n, e));
                stats.rowsRejected++;
                stats.rowsToDeadLetter++;
                note("sent to " + s.deadLetterTopic() + ": " + where);
                break;
            default:
                throw new IllegalStateException(s.onError().name());
        }
    }

    private void note(String message) {
        if (stats.rowsRejected <= MAX_PRINTED_REJECTS) {
            err.println("warning: " + message);
            if (stats.rowsRejected == MAX_PRINTED_REJECTS) {
                err.println("warning: more rejected rows are only counted (see the summary).");
            }
            err.flush();
        }
    }

    /**
     * Waits until a paced row is due, in short steps so that Ctrl-C is noticed; commits the open
     * transaction first when waiting would keep it open past about a second.
     *
     * @return false when a stop was requested meanwhile
     */
    private boolean waitUntilDue(long delayNanos, long done, LineFingerprint fingerprint, ProgressReporter progress,
            long bytesRead) {
        if (delayNanos <= 0) {
            return true;
        }
        long openNanos = txns.openNanos();
        if (openNanos >= 0 && openNanos + delayNanos >= MAX_PACED_TXN_NANOS) {
            commit(done, fingerprint, false);
        }
        long until = System.nanoTime() + delayNanos;
        long left;
        while ((left = until - System.nanoTime()) > 0) {
            if (stopRequested.get()) {
                return false;
            }
            try {
                Thread.sleep(Math.max(1, Math.min(100, left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            stats.publish(); // rows read meanwhile are visible to --metrics-port while pacing
            progress.update(stats, bytesRead);
        }
        return true;
    }

    /** Commits the open transaction (opening one if needed) together with the position {@code done}. */
    private void commit(long done, LineFingerprint fingerprint, boolean finished) {
        txns.commit(done, fingerprint.snapshot(), finished);
        stats.publish();
    }

    private int interrupted(ProgressReporter progress, long bytesRead) {
        txns.abort();
        stats.endNanos = System.nanoTime();
        stats.publish();
        progress.finish(stats, bytesRead);
        printSummary("interrupted");
        err.println("interrupted: the open transaction was aborted; rows up to line " + stats.committedLine
                + " are committed. Run the same command again to continue.");
        err.flush();
        return ExitCodes.INTERRUPTED;
    }

    private int alreadyFinished() {
        log.alreadyFinished(previous);
        out.println("replay '" + s.replayId() + "' already finished: every line of "
                + s.file() + " (" + Plural.count(previous.line, "line") + ") is in " + s.topic() + " ("
                + Plural.count(previous.rowsSent, "row") + " sent, " + previous.rowsRejected + " rejected, "
                + Plural.count(previous.emptyRows, "empty row") + " skipped). Nothing sent; add --from-start to"
                + " send the file again.");
        out.flush();
        return ExitCodes.OK;
    }

    /** The raw bytes of the line as in the file, even when they are not UTF-8. */
    private ProducerRecord<byte[], byte[]> deadLetterRecord(byte[] line, long n, RowException e) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(MessageHeaders.SOURCE_FILE, MessageHeaders.utf8(s.fileName()));
        headers.add(MessageHeaders.SOURCE_LINE, MessageHeaders.utf8(Long.toString(n)));
        headers.add(MessageHeaders.ERROR_COLUMN, MessageHeaders.utf8(Integer.toString(e.column())));
        headers.add(MessageHeaders.ERROR_REASON, MessageHeaders.utf8(e.reason()));
        headers.add(MessageHeaders.ERROR_STAGE, MessageHeaders.utf8("producer"));
        return new ProducerRecord<>(s.deadLetterTopic(), null, s.station().getBytes(StandardCharsets.UTF_8), line,
                headers);
    }

    private void printSummary(String outcome) {
        log.ended(outcome, stats);
        out.println("replay " + outcome + ": " + s.file() + " -> " + s.topic() + " (station " + s.station()
                + ", replay id " + s.replayId() + ")");
        if (stats.resumedAfterLine > 1) {
            out.println(String.format(Locale.ROOT, "resumed after line: %d", stats.resumedAfterLine));
        }
        out.println(String.format(Locale.ROOT, "rows read:          %d", stats.rowsRead));
        out.println(String.format(Locale.ROOT, "rows sent:          %d", stats.rowsSent));
        out.println(String.format(Locale.ROOT, "rows rejected:      %d%s", stats.rowsRejected,
                s.onError() == OnError.DLQ ? " (to " + s.deadLetterTopic() + ": " + stats.rowsToDeadLetter + ")" : ""));
        out.println(String.format(Locale.ROOT, "empty rows skipped: %d", stats.emptyRows));
        out.println(String.format(Locale.ROOT, "transactions:       %d", stats.transactions));
        out.println(String.format(Locale.ROOT, "committed up to:    line %d", stats.committedLine));
        out.println(String.format(Locale.ROOT, "elapsed:            %.3f s", stats.elapsedSeconds()));
        out.println(String.format(Locale.ROOT, "records/s:          %.0f", stats.recordsPerSecond()));
        out.flush();
    }
}
