package io.aqstream.consumer;

import io.aqstream.common.ReadCommitted;
import io.aqstream.consumer.parquet.ParquetContract;
import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.KafkaFailures;
import io.aqstream.common.cli.KafkaWait;
import io.aqstream.common.cli.UserException;
import io.aqstream.common.processed.CommitStamp;
import io.aqstream.common.processed.FolderMarker;
import io.aqstream.common.processed.TopicIncarnation;
import io.aqstream.consumer.files.FolderClaim;
import io.aqstream.consumer.files.OutputFolder;
import io.aqstream.consumer.sink.ParquetSink;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poll loop of {@code bin/consume}: read_committed records → {@link ParquetSink}, rejected ones →
 * {@link DeadLetters}, rebalances handled so that the files stay the single source of truth.
 *
 * <p>Before joining the group, the output folder is claimed for the topic's current incarnation
 * ({@link FolderClaim}): files of a reset or recreated topic are never joined by files of the new one.
 *
 * <p>Partition assignment (also the first one, at start): the sink removes the partition's in-progress
 * leftovers and we seek just past its highest finished offset; a partition with no file yet starts where
 * {@link FilelessStart} says. Revocation: the partition's open file is closed out (published and
 * committed) before another consumer can be given it. Loss (session expired): the open file is dropped
 * uncommitted, the new owner reads those rows again. The close-out protocol itself is
 * {@code ParquetSink#closeOut}.
 */
final class ConsumeLoop implements ConsumerRebalanceListener {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumeLoop.class);
    private static final Duration POLL = Duration.ofMillis(200);
    /** fetch.max.wait.ms of a consumer that stops at the end (--stop-at-end*), unless its client settings give one. */
    private static final String STOPPING_FETCH_MAX_WAIT_MS = "100";
    /** What a failure while consuming leaves committed, for its error line. */
    private static final String KEPT_ON_FAILURE =
            "nothing after the last finished file was committed; fix the cause and rerun";

    private final ConsumeSettings settings;
    private final Properties clientProperties;
    private final PrintWriter err;
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final KafkaConsumer<byte[], byte[]> consumer;
    /** Which incarnation of the topic this run reads. */
    private final TopicLookup topicLookup;
    /** The topic's message and Parquet contract, from its format. */
    private final ParquetContract contract;
    private final BatchDecoder decoder;
    /** The last big poll, decoded on the helper thread while the one before it is written. */
    private final PollAhead ahead = new PollAhead();
    private final DeadLetters deadLetters;
    private final OutputFolder folder;
    private final Progress progress;
    /** Set by {@link #run} once the folder is claimed for the topic's incarnation. */
    private ParquetSink sink;
    private TopicIncarnation source;
    private CommitStamp stamp;
    private KafkaGroupSession group;
    private FilelessStart filelessStart;

    private boolean failed;
    private long lastActivityNanos = System.nanoTime();
    private long rejected;
    private boolean stoppedByUser;
    /**
     * Whether the group has given us an assignment yet. --stop-after-idle counts only from then: joining
     * can take a session timeout when a crashed member of the group has not been noticed yet, and
     * exiting "idle" before having read anything would be wrong.
     */
    private boolean joined;
    /**
     * --stop-at-end: each assigned partition's end offset (read_committed: the last stable offset, just past
     * the last committed transaction's marker), taken when the partition was assigned or, if later, when the
     * ends became final ({@link StopAtEnd}).
     */
    private final Map<TopicPartition, Long> endWhenAssigned = new HashMap<>();
    /** Whether the ends became final: from then on, every assigned partition has its end in endWhenAssigned. */
    private boolean endsTaken;
    private boolean stoppedAtEnd;
    /** Time spent reading, converting, writing and publishing, without the waits for new records. */
    private long busyNanos;
    /** The last figures for --metrics-port, published by the poll thread. */
    private volatile ConsumeMetrics.Figures figures = ConsumeMetrics.Figures.NONE;

    ConsumeLoop(Properties clientProperties, ConsumeSettings settings, OutputFolder folder, PrintWriter err) {
        this.settings = settings;
        this.clientProperties = clientProperties;
        this.err = err;
        this.folder = folder;
        this.consumer = new KafkaConsumer<>(consumerProperties(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.topicLookup = new TopicLookup(clientProperties, settings.topic(), stopRequested::get);
        this.contract = ParquetContract.of(settings.format());
        this.decoder = new BatchDecoder(contract);
        this.deadLetters = DeadLetters.forData(clientProperties);
        this.progress = new Progress(err, settings.progressInterval());
    }

    private Properties consumerProperties() {
        // We commit ourselves, after a file is durable; an automatic commit could run ahead of the files.
        Properties p = ReadCommitted.consumerProperties(clientProperties, "aq-consume");
        p.put(ConsumerConfig.GROUP_ID_CONFIG, settings.group());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        if (settings.stopAtEnd()) {
            // It closes right after reading to the end, and close() waits for the fetch still in flight, which the
            // broker holds for fetch.max.wait.ms (500 ms by default) when there is nothing new: bin/pipeline's
            // consumer spent 0.2 to 0.5 s of its end on it. 100 ms costs a few empty fetches a second while idle.
            p.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, STOPPING_FETCH_MAX_WAIT_MS);
        }
        return p;
    }

    /** Asks the loop to finish (Ctrl-C); safe from any thread. */
    void requestStop() {
        stopRequested.set(true);
        consumer.wakeup();
    }

    boolean stoppedByUser() {
        return stoppedByUser;
    }

    /** Why the loop ended, for the log: Ctrl-C, idle, or read to the end (--stop-at-end). */
    String stopReason() {
        return stoppedByUser ? "Ctrl-C" : stoppedAtEnd ? "read to the end"
                : "idle for " + (settings.stopAfterIdle() == null ? "?" : settings.stopAfterIdle().toSeconds()) + " s";
    }

    /** The sink of this run; null until {@link #run} has claimed the folder. */
    ParquetSink sink() {
        return sink;
    }

    OutputFolder folder() {
        return folder;
    }

    long rejected() {
        return rejected;
    }

    long busyNanos() {
        return busyNanos;
    }

    /** The figures as of the last poll; any thread. */
    ConsumeMetrics.Figures figures() {
        return figures;
    }

    /** On the poll thread (the consumer's lag is not thread-safe): one small immutable copy per poll. */
    private void publishFigures() {
        SortedMap<Integer, Long> lag = new TreeMap<>();
        for (TopicPartition tp : consumer.assignment()) {
            OptionalLong l = consumer.currentLag(tp);
            if (l.isPresent()) {
                lag.put(tp.partition(), l.getAsLong());
            }
        }
        figures = new ConsumeMetrics.Figures(sink.rowsPublished(), sink.rowsWritten(), sink.publishedFileCount(),
                rejected, group.commitFailures(), Collections.unmodifiableSortedMap(lag));
    }

    /** Runs until stopped or idle for --stop-after-idle; everything read is in finished files and committed. */
    void run() {
        try {
            KafkaWait.announce(err, bootstrap(), topicLookup.longestWait());
            source = topicLookup.current();
            FolderMarker marker = FolderClaim.claim(folder, source, settings.roll());
            stamp = new CommitStamp(marker.folderId(), source.topicId());
            group = new KafkaGroupSession(consumer, deadLetters, settings.topic(), stamp);
            filelessStart = new FilelessStart(consumer, settings, stamp, folder.dir(), err);
            sink = new ParquetSink(folder, settings.roll(), settings.rowGroupBytes(), group, source.footer(),
                    contract);
            // Each partition's start position follows in its own "assigned" line once the group assigns it.
            LOG.info("consume started: {} -> {} (group {}, read_committed{})", source.describe(), folder.dir(),
                    settings.group(), settings.fromBeginning() ? ", --from-beginning" : "");
            consumer.subscribe(List.of(settings.topic()), this);
            lastActivityNanos = System.nanoTime();
            while (!stopRequested.get()) {
                ConsumerRecords<byte[], byte[]> records;
                long polling = System.nanoTime();
                try {
                    records = consumer.poll(POLL);
                } catch (WakeupException e) {
                    continue;
                }
                long now = System.nanoTime();
                long mark = group.mark();
                List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>(records.count());
                records.forEach(batch::add);
                if (batch.size() >= BatchDecoder.SPLIT_AT) {
                    // Decoded on the helper while the previous poll is written here; written after the next poll.
                    BatchDecoder.Pending decoding = decoder.ahead(batch);
                    ahead.writeRest(this::write);
                    ahead.hold(batch, decoding, mark);
                } else {
                    // A trickle: nothing worth overlapping, and waiting for the next poll would only add latency.
                    ahead.writeRest(this::write);
                    BatchDecoder.Decoded[] decoded = decoder.decode(batch);
                    for (int i = 0; i < decoded.length; i++) {
                        write(batch.get(i), decoded[i], mark);
                    }
                }
                if (!records.isEmpty()) {
                    lastActivityNanos = now;
                }
                sink.closeOutDue(now);
                busyNanos += System.nanoTime() - (records.isEmpty() ? now : polling);
                progress.maybeReport(now, sink.rowsWritten(), rejected, sink.publishedFileCount(), this::lag);
                publishFigures();
                if (settings.stopAfterIdle() != null && joined
                        && now - lastActivityNanos >= settings.stopAfterIdle().toNanos()) {
                    LOG.info("no new records for {}; stopping", settings.stopAfterIdle());
                    break;
                }
                if (settings.stopAtEnd() && !endsTaken && settings.endsFinal().getAsBoolean()) {
                    // Before this, the partitions assigned kept no end: their producer was still writing.
                    endWhenAssigned.putAll(topicLookup.committedEnds(consumer.assignment(), KEPT_ON_FAILURE));
                    endsTaken = true;
                }
                if (endsTaken && joined && readToEnd()) {
                    stoppedAtEnd = true;
                    LOG.info("every partition read up to its end ({}); stopping", endWhenAssigned);
                    break;
                }
            }
            stoppedByUser = stopRequested.get();
            long closing = System.nanoTime();
            ahead.writeRest(this::write);
            sink.closeOutAll();
            busyNanos += System.nanoTime() - closing;
            publishFigures();
            try {
                consumer.close();
            } catch (WakeupException lateCtrlC) {
                consumer.close(); // everything is committed already; the retry just leaves the group
            }
            deadLetters.close();
            topicLookup.close();
            decoder.close();
        } catch (RuntimeException e) {
            failed = true;
            ahead.forget();
            if (sink != null) {
                sink.discardAll();
            }
            try {
                consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
            } catch (RuntimeException closing) {
                LOG.debug("closing the consumer after a failure", closing);
            }
            deadLetters.close();
            topicLookup.close();
            decoder.close();
            throw translate(e);
        }
    }

    /** Writes one polled message, unless its partition was set back since its poll (it comes again). */
    private void write(ConsumerRecord<byte[], byte[]> record, BatchDecoder.Decoded decoded, long mark) {
        if (group.setBackSince(record.partition(), mark)) {
            return;
        }
        long now = System.nanoTime();
        if (decoded.error() != null) {
            deadLetters.send(record, decoded.error());
            sink.skip(record.partition(), record.offset(), now);
            rejected++;
            LOG.info("rejected {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), decoded.error());
            return;
        }
        sink.write(record.partition(), record.offset(), decoded.row(), decoded.record(), now);
    }

    /** How long the consumer's own requests wait (default.api.timeout.ms), for "no answer within N s". */
    private long consumerTimeoutMs() {
        return Long.parseLong(clientProperties.getProperty(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "60000"));
    }

    private String bootstrap() {
        return clientProperties.getProperty("bootstrap.servers");
    }

    private long lag() {
        long total = 0;
        for (TopicPartition tp : consumer.assignment()) {
            OptionalLong lag = consumer.currentLag(tp);
            if (lag.isPresent()) {
                total += lag.getAsLong();
            }
        }
        return total;
    }

    /**
     * --stop-at-end: true once this consumer has partitions and its position in each is at least the end
     * the partition had when assigned. The position moves past transaction markers too, so a partition
     * whose last transaction is read is at its end.
     */
    private boolean readToEnd() {
        if (consumer.assignment().isEmpty()) {
            return false;
        }
        for (TopicPartition tp : consumer.assignment()) {
            Long end = endWhenAssigned.get(tp);
            try {
                if (end == null || consumer.position(tp, Duration.ZERO) < end) {
                    return false;
                }
            } catch (org.apache.kafka.common.errors.TimeoutException notKnownYet) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        if (!partitions.isEmpty()) {
            checkStillTheSameTopic();
        }
        int dropped = ahead.drop(ours(partitions));
        if (dropped > 0) {
            LOG.info("assigned {}: dropped {} polled messages not written yet; they are read again from the files",
                    partitions, dropped);
        }
        List<TopicPartition> withoutFiles = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            OptionalLong next = sink.recover(tp.partition());
            if (next.isPresent()) {
                consumer.seek(tp, next.getAsLong());
                LOG.info("assigned {}: resuming at offset {} (just past the last finished file)", tp, next.getAsLong());
            } else {
                withoutFiles.add(tp);
            }
        }
        if (!withoutFiles.isEmpty()) {
            filelessStart.position(withoutFiles);
        }
        if (endsTaken && !partitions.isEmpty()) {
            endWhenAssigned.putAll(topicLookup.committedEnds(partitions, KEPT_ON_FAILURE));
        }
        joined = true;
        lastActivityNanos = System.nanoTime();
    }

    /**
     * A rejoin after the node was reset (or the topic recreated) while we ran: the new topic's offsets
     * start again at 0, and must not be written beside the files of the old one.
     */
    private void checkStillTheSameTopic() {
        TopicIncarnation now = topicLookup.current();
        if (!now.equals(source)) {
            throw new UserException(ExitCodes.BAD_INPUT, settings.topic() + " changed while bin/consume ran: it was "
                    + source.describe() + " and is now " + now.describe() + " (deleted and recreated, or the node"
                    + " reset). Nothing of the new topic was written. Rerun bin/consume: it refuses to write the new"
                    + " topic beside the old files and says how to start afresh.");
        }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        partitions.forEach(endWhenAssigned::remove);
        List<Integer> ours = ours(partitions);
        if (failed) {
            ahead.drop(ours);
            sink.discard(ours);
        } else {
            // Their rows of the poll ahead first: the position has passed them, so the file must hold them.
            int written = ahead.finish(ours, this::write);
            if (written > 0) {
                LOG.info("revoked {}: wrote {} polled messages of theirs before closing out", partitions, written);
            }
            sink.closeOut(ours);
        }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        partitions.forEach(endWhenAssigned::remove);
        List<Integer> ours = ours(partitions);
        int dropped = ahead.drop(ours);
        if (dropped > 0) {
            LOG.info("lost {}: dropped {} polled messages not written yet with the open files", partitions, dropped);
        }
        sink.discard(ours);
    }

    private List<Integer> ours(Collection<TopicPartition> partitions) {
        List<Integer> result = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            if (tp.topic().equals(settings.topic())) {
                result.add(tp.partition());
            }
        }
        return result;
    }

    /** Kafka wraps exceptions thrown in rebalance callbacks; surface ours, and name Kafka's own clearly. */
    private RuntimeException translate(RuntimeException e) {
        if (e instanceof WakeupException && stopRequested.get()) {
            return new UserException(ExitCodes.INTERRUPTED, "interrupted while connecting; nothing was read.", e);
        }
        return KafkaFailures.translate(e, bootstrap(), Duration.ofMillis(consumerTimeoutMs()), "consuming " + settings.topic(),
                KEPT_ON_FAILURE);
    }
}
