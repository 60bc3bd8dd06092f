package io.aqstream.producer.replay;

import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.KafkaFailures;
import io.aqstream.common.cli.UserException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The producer's exactly-once protocol: the rows of a batch and the replay's position commit or abort
 * together, in one Kafka transaction, so a rerun after any crash continues after exactly the rows that
 * are visible.
 *
 * <ol>
 *   <li>{@link #start}: {@code initTransactions()} with the replay's stable transactional.id (the replay
 *       id) fences a zombie producer of the same replay and aborts its open transaction. Only then is the
 *       checkpoint topic read ({@link CheckpointReader}), so the position read is final: the exact line to
 *       continue after ({@link #resumedFrom()}).
 *   <li>{@link #send}: the first record after a commit begins a transaction; rows and dead letters go in it.
 *   <li>{@link #commit}: a {@link ReplayCheckpoint} (last line done, fingerprint of the lines up to it,
 *       totals over every run) is sent for the replay's key to the compacted checkpoint topic <em>in the
 *       same transaction</em>, which then commits: rows and position become visible together.
 *   <li>{@link #abort}: on Ctrl-C, a bad row under {@code --on-error fail} or a read error, the open batch
 *       is dropped and the checkpoint still names the last committed line.
 *   <li>Any Kafka failure becomes a {@link UserException} (exit 4) that says which rows are committed. A
 *       producer fenced by a newer one with the same replay id stops without aborting: it cannot, and the
 *       new owner already did. Any other failure aborts the open transaction first.
 * </ol>
 *
 * <p>Kafka Streams keeps its input offsets the same way. Only the replay thread uses an instance.
 */
final class ReplayTransactions implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReplayTransactions.class);

    private final ReplaySettings s;
    private final ReplayStats stats;
    private final byte[] checkpointKey;
    private final KafkaProducer<byte[], byte[]> producer;
    private final WriteStall stall;
    private ReplayCheckpoint previous;
    private boolean open;
    private long openedAtNanos;
    private int records;

    /**
     * @param stats this run's counters: read for the checkpoint's totals, updated at every commit
     * @param stall told when each call that may block begins and ends
     */
    ReplayTransactions(ReplaySettings settings, ReplayStats stats, WriteStall stall) {
        this.s = settings;
        this.stats = stats;
        this.stall = stall;
        this.checkpointKey = settings.replayId().getBytes(StandardCharsets.UTF_8);
        this.producer = new KafkaProducer<>(ProducerSettings.forReplay(s.clientProps(), s.replayId(), s.compression(),
                s.replaysInProcess()),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    /**
     * Fences and aborts what an earlier producer of this replay left open, then reads the positions.
     *
     * @return replay id → last committed checkpoint, of every replay that wrote to the checkpoint topic;
     *     empty with {@code --from-start} (unless {@code --single-source} needs them)
     */
    Map<String, ReplayCheckpoint> start(Admin admin) {
        try {
            stall.enter();
            producer.initTransactions();
            stall.exit(true);
            Map<String, ReplayCheckpoint> checkpoints = s.fromStart() && !s.singleSource() ? Map.of()
                    : CheckpointReader.read(s.clientProps(), admin, s.checkpointTopic(), Duration.ofMinutes(2));
            previous = s.fromStart() ? null : checkpoints.get(s.replayId());
            return checkpoints;
        } catch (KafkaException e) {
            stall.exit(false);
            throw failure(e);
        }
    }

    /** This replay's committed position found by {@link #start}, or {@code null} to send from the first row. */
    ReplayCheckpoint resumedFrom() {
        return previous;
    }

    /** Sends a row or dead letter in the open transaction, beginning one if none is open. */
    void send(ProducerRecord<byte[], byte[]> record) {
        try {
            beginIfNeeded();
            stall.enter(); // send blocks while the partition has no known leader or the buffer is full
            producer.send(record);
            stall.exit(true);
            records++;
        } catch (KafkaException e) {
            stall.exit(false);
            throw failure(e);
        }
    }

    /** Records sent in the open transaction. */
    int records() {
        return records;
    }

    /** How long the open transaction has been open, or -1 when none is. */
    long openNanos() {
        return open ? System.nanoTime() - openedAtNanos : -1;
    }

    /**
     * Commits the open transaction (beginning one if none is open) together with the position: lines
     * 1..{@code line} are done, {@code fingerprint} covers them, {@code finished} when it is the last line.
     */
    void commit(long line, String fingerprint, boolean finished) {
        try {
            beginIfNeeded();
            boolean resumed = previous != null;
            ReplayCheckpoint checkpoint = new ReplayCheckpoint(line, fingerprint, finished,
                    stats.rowsSent + (resumed ? previous.rowsSent : 0),
                    stats.rowsRejected + (resumed ? previous.rowsRejected : 0),
                    stats.emptyRows + (resumed ? previous.emptyRows : 0), s.fileName(), s.station(), s.topic());
            stall.enter();
            producer.send(new ProducerRecord<>(s.checkpointTopic(), checkpointKey, checkpoint.toJson(s.replayId())));
            producer.commitTransaction();
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            stall.exit(false);
            // A commit that timed out (no quorum for max.block.ms) may only be retried, never aborted: Kafka's
            // producer throws IllegalStateException on abortTransaction. Its outcome is settled by the coordinator,
            // and a rerun's initTransactions waits for it, so the rerun resumes after whatever was committed.
            open = false;
            throw failure(e);
        } catch (KafkaException e) {
            stall.exit(false);
            throw failure(e);
        }
        stall.exit(true);
        open = false;
        records = 0;
        stats.transactions++;
        stats.committedLine = line;
    }

    /** Aborts the open transaction, if any; a failure to abort is logged (the transaction times out by itself). */
    void abort() {
        if (open) {
            try {
                producer.abortTransaction();
            } catch (KafkaException | IllegalStateException e) {
                // IllegalStateException: an earlier call timed out and Kafka allows only its retry.
                // Met on the way out of a Kafka failure that the command reports itself: one line, no stack trace.
                LOG.warn("could not abort the open transaction (it times out by itself): {}", e.toString());
            }
            open = false;
        }
    }

    /** Aborts what is still open and closes the producer. */
    @Override
    public void close() {
        abort();
        producer.close(Duration.ofSeconds(5));
    }

    private void beginIfNeeded() {
        if (!open) {
            producer.beginTransaction();
            open = true;
            openedAtNanos = System.nanoTime();
        }
    }

    private UserException failure(KafkaException e) {
        String kept = " Rows up to line " + stats.committedLine + " are committed; run the same command again to"
                + " continue after them.";
        if (e instanceof ProducerFencedException || e instanceof InvalidProducerEpochException) {
            open = false; // a fenced producer cannot abort; the new owner already did
            return new UserException(ExitCodes.KAFKA_UNAVAILABLE, "another producer with replay id '" + s.replayId()
                    + "' started and took this replay over; this one stopped." + kept, e);
        }
        abort();
        // A blocked send or commit gives up after max.block.ms (60 s unless --command-config says otherwise).
        Duration waited = Duration.ofMillis(Long.parseLong(s.clientProps().getProperty(ProducerConfig.MAX_BLOCK_MS_CONFIG,
                "60000")));
        // A KafkaException always comes back as a UserException (KafkaFailures' contract).
        return (UserException) KafkaFailures.translate(e, s.bootstrap(), waited, "replaying into " + s.topic()
                + " (which needs write access to " + s.topic() + " and " + s.checkpointTopic() + " and the transactional id '"
                + s.replayId() + "')", "rows up to line " + stats.committedLine + " are committed; run the same command"
                + " again to continue after them");
    }
}
