package io.aqstream.producer.replay;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replay's story in logs/producer.log, one line at each turn: started or resumed (file, topic, replay
 * id, where it continues), and how it ended, with this run's totals. The terminal gets the same facts from
 * {@link Replayer}'s summary; the log keeps them after the terminal is gone, beside the other runs.
 */
final class ReplayLog {
    private static final Logger LOG = LoggerFactory.getLogger(ReplayLog.class);

    private final ReplaySettings s;

    ReplayLog(ReplaySettings settings) {
        this.s = settings;
    }

    /**
     * Before the first row is sent.
     *
     * @param previous the checkpoint this run continues after, or null when it starts at the first row
     */
    void started(ReplayCheckpoint previous) {
        String what = s.file().toAbsolutePath() + " -> " + s.topic() + " (station " + s.station() + ", replay id and"
                + " transactional.id " + s.replayId() + ", speed " + s.speed() + ", batch " + s.batchSize()
                + ", on-error " + s.onError().name().toLowerCase(Locale.ROOT) + ", " + s.compression() + ")";
        if (previous == null) {
            LOG.info("replay started: {} from the first row{}", what, s.fromStart() ? " (--from-start)" : "");
        } else {
            LOG.info("replay resumed: {} after line {} (committed before: {} rows sent, {} rejected, {} empty rows"
                    + " skipped)", what, previous.line, previous.rowsSent, previous.rowsRejected, previous.emptyRows);
        }
    }

    /** The run ended after it started: {@code outcome} is "finished", "interrupted", "stopped at a bad row". */
    void ended(String outcome, ReplayStats stats) {
        LOG.info(String.format(Locale.ROOT, "replay %s: %s -> %s: this run sent %d rows, rejected %d (%d to the"
                + " dead-letter topic), skipped %d empty rows, in %d transactions; committed up to line %d; %.3f s,"
                + " %.0f records/s", outcome, s.file().toAbsolutePath(), s.topic(), stats.rowsSent, stats.rowsRejected,
                stats.rowsToDeadLetter, stats.emptyRows, stats.transactions, stats.committedLine,
                stats.elapsedSeconds(), stats.recordsPerSecond()));
    }

    /** A rerun of a replay that had already sent the whole file: nothing to do. */
    void alreadyFinished(ReplayCheckpoint previous) {
        LOG.info("replay already finished: {} -> {} (replay id {}): all {} lines committed before ({} rows sent, {}"
                + " rejected, {} empty rows skipped); nothing sent", s.file().toAbsolutePath(), s.topic(), s.replayId(),
                previous.line, previous.rowsSent, previous.rowsRejected, previous.emptyRows);
    }
}
