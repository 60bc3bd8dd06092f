package io.aqstream.consumer.sink;

import io.aqstream.common.AirQualityReading;
import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.UserException;
import io.aqstream.consumer.files.OutputFolder;
import io.aqstream.consumer.parquet.ParquetContract;
import io.aqstream.consumer.parquet.ParquetRowWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a partition's records into Parquet files, one open file per partition (never per station, so
 * memory does not grow with the number of stations), and closes files out in the only order that keeps
 * exactly-once: {@code beforePublish} (the dead-letter sends are flushed) → writer closed → file fsynced →
 * ownership confirmed with the group ({@link Ownership}) → file renamed → folder fsynced → offsets
 * committed. A crash before the rename leaves an in-progress file that {@link #recover} deletes; a crash
 * after it leaves a finished file whose name tells the next run where to resume, whatever was committed.
 * A consumer that was paused (GC, SIGSTOP, a closed laptop lid) past its session timeout learns at the
 * ownership check that its partitions now belong to another member, and drops its files instead of
 * publishing rows that member also writes.
 *
 * <p>Not thread-safe: used from the consumer's poll thread only (including its rebalance callbacks).
 */
public final class ParquetSink {
    private static final Logger LOG = LoggerFactory.getLogger(ParquetSink.class);

    /** Commits the given next offsets (partition → offset just past the last one accounted for). */
    public interface Committer {
        void commit(Map<Integer, Long> nextOffsets);
    }

    /**
     * The group's view of which partitions this member owns, asked right before files are made visible.
     */
    public interface Ownership {
        /** Whether the group still counts this member as the owner (partition → the file's first offset). */
        boolean confirm(Map<Integer, Long> firstOffsets);

        /** Reads these partitions again from these offsets if this member still has them. */
        void readAgain(Map<Integer, Long> firstOffsets);
    }

    private final OutputFolder folder;
    private final RollPolicy policy;
    private final long rowGroupBytes;
    private final Runnable beforePublish;
    private final Ownership ownership;
    private final Committer committer;
    private final FaultInjection faults;
    /** Footer entries naming the topic incarnation, written into every file. */
    private final Map<String, String> sourceFooter;
    private final Map<Integer, OpenFile> open = new TreeMap<>();
    /** Per partition, the offset the finished files end before ({@link #recover}): nothing below it is new. */
    private final Map<Integer, Long> covered = new HashMap<>();
    private final List<Path> published = new ArrayList<>();

    private long rowsWritten;
    private long rowsPublished;
    private LocalDateTime minTimestamp;
    private LocalDateTime maxTimestamp;

    public ParquetSink(OutputFolder folder, RollPolicy policy, long rowGroupBytes, Runnable beforePublish,
            Ownership ownership, Committer committer, FaultInjection faults, Map<String, String> sourceFooter) {
        this.folder = folder;
        this.policy = policy;
        this.rowGroupBytes = rowGroupBytes;
        this.beforePublish = beforePublish;
        this.ownership = ownership;
        this.committer = committer;
        this.faults = faults;
        this.sourceFooter = Map.copyOf(sourceFooter);
    }

    /**
     * Prepares to (re)start a partition from the files: removes its leftover in-progress files and
     * returns the offset just past its highest finished offset, or empty if it has no file yet.
     */
    public OptionalLong recover(int partition) {
        OpenFile stale = open.remove(partition);
        if (stale != null) {
            abandon(stale);
        }
        folder.removeInProgress(partition);
        OptionalLong next = folder.nextOffset(partition);
        if (next.isPresent()) {
            covered.put(partition, next.getAsLong());
        } else {
            covered.remove(partition);
        }
        return next;
    }

    /** Appends one valid row read at {@code partition}/{@code offset}; closes the file out when full. */
    public void write(int partition, long offset, AirQualityReading reading, long nowNanos) {
        OpenFile file = span(partition, offset, nowNanos);
        file.consumed(offset, nowNanos);
        try {
            if (file.writer == null) {
                file.inProgress = folder.inProgressPath(partition, file.firstOffset);
                OpenFile f = file;
                file.writer = ParquetRowWriter.create(file.inProgress, rowGroupBytes, f::footer);
            }
            faults.beforeWrite();
            file.writeRow(ParquetContract.toRecord(reading, partition, offset), reading.timestamp());
        } catch (IOException e) {
            throw OutputFolder.notWritable(file.inProgress == null ? folder.dir() : file.inProgress, e);
        }
        rowsWritten++;
        if (policy.full(file.rows, file.dataSize())) {
            closeOut(List.of(partition));
        }
    }

    /** Accounts for an offset that produced no row (a rejected message, already sent to the dead-letter topic). */
    public void skip(int partition, long offset, long nowNanos) {
        span(partition, offset, nowNanos).consumed(offset, nowNanos);
    }

    private OpenFile span(int partition, long offset, long nowNanos) {
        OpenFile file = open.get(partition);
        if (file == null) {
            Long floor = covered.get(partition);
            if (floor != null && offset < floor) {
                // Offsets only grow within one topic incarnation: going back means the topic (or the whole
                // node) was recreated while we ran, and these offsets are not the ones the files hold.
                throw new UserException(ExitCodes.BAD_INPUT, "partition " + partition + " of " + folder.topic()
                        + " went back to offset " + offset + " although " + folder.dir() + " already holds its"
                        + " offsets up to " + (floor - 1) + ": the topic was deleted and recreated, or the Kafka"
                        + " node reset, while bin/consume ran. Nothing of the new topic was written. Move the"
                        + " folder aside (or use another --output) and rerun; bin/start-over clears Kafka and"
                        + " processed_data/ together.");
            }
            file = new OpenFile(folder.topic(), sourceFooter, partition, offset, nowNanos);
            open.put(partition, file);
        }
        return file;
    }

    /** Closes out the files whose interval or idle time has passed. */
    public void closeOutDue(long nowNanos) {
        List<Integer> due = new ArrayList<>();
        open.forEach((p, f) -> {
            if (policy.due(f.openedAtNanos, f.lastRecordNanos, nowNanos)) {
                due.add(p);
            }
        });
        if (!due.isEmpty()) {
            closeOut(due);
        }
    }

    public void closeOutAll() {
        closeOut(new ArrayList<>(open.keySet()));
    }

    /**
     * Publishes the open files of these partitions and commits their next offsets, in that order.
     * Partitions with only rejected messages publish nothing and just commit.
     */
    public void closeOut(Collection<Integer> partitions) {
        List<OpenFile> files = new ArrayList<>();
        for (Integer p : partitions) {
            OpenFile f = open.get(p);
            if (f != null) {
                files.add(f);
            }
        }
        if (files.isEmpty()) {
            return;
        }
        // Dead-letter records for these offsets must be durable before the offsets are accounted for
        // by a file name or a commit; otherwise a crash could lose a rejected message.
        beforePublish.run();
        Map<Integer, Long> firstOffsets = new LinkedHashMap<>();
        boolean removedByAnother = false;
        for (OpenFile f : files) {
            if (f.writer != null) {
                try {
                    f.writer.close();
                } catch (IOException e) {
                    throw OutputFolder.notWritable(f.inProgress, e);
                }
                f.writer = null;
                // Gone: the partition's new owner removed it when it took over while we were paused.
                removedByAnother |= !folder.sync(f.inProgress);
                faults.beforePublish();
                firstOffsets.put(f.partition, f.firstOffset);
            }
        }
        // Last step before the rename, so that a pause long enough to lose the partitions is noticed here.
        if (!firstOffsets.isEmpty() && (removedByAnother || !ownership.confirm(firstOffsets))) {
            for (OpenFile f : files) {
                open.remove(f.partition);
                abandon(f);
            }
            ownership.readAgain(firstOffsets);
            return;
        }
        Map<Integer, Long> next = new LinkedHashMap<>();
        for (OpenFile f : files) {
            if (f.inProgress != null) {
                Optional<Path> done = folder.publish(f.inProgress, f.partition, f.firstOffset, f.lastOffset);
                if (done.isEmpty()) {
                    // Removed by a new owner between our check and the rename: a pause of more than the
                    // session timeout right there. Not published, not committed: read again by its owner.
                    open.remove(f.partition);
                    abandon(f);
                    ownership.readAgain(Map.of(f.partition, f.firstOffset));
                    continue;
                }
                faults.afterPublish();
                published.add(done.get());
                rowsPublished += f.rows;
                widen(f.minTimestamp, f.maxTimestamp);
                LOG.info("published {} ({} rows)", done.get().getFileName(), f.rows);
            }
            open.remove(f.partition);
            next.put(f.partition, f.lastOffset + 1);
        }
        if (!next.isEmpty()) {
            committer.commit(next);
        }
    }

    /** Drops the open files of these partitions without publishing or committing (partitions lost). */
    public void discard(Collection<Integer> partitions) {
        for (Integer p : partitions) {
            OpenFile f = open.remove(p);
            if (f != null) {
                abandon(f);
            }
        }
    }

    public void discardAll() {
        discard(new ArrayList<>(open.keySet()));
    }

    private void abandon(OpenFile f) {
        rowsWritten -= f.rows;
        if (f.writer != null) {
            try {
                f.writer.close();
            } catch (IOException | RuntimeException e) {
                LOG.debug("closing abandoned writer of {}", f.inProgress, e);
            }
        }
        if (f.inProgress != null) {
            folder.discard(f.inProgress);
        }
        LOG.info("dropped uncommitted rows of partition {} (offsets {}..{}); they will be read again",
                f.partition, f.firstOffset, f.lastOffset);
    }

    private void widen(LocalDateTime min, LocalDateTime max) {
        if (min != null && (minTimestamp == null || min.isBefore(minTimestamp))) {
            minTimestamp = min;
        }
        if (max != null && (maxTimestamp == null || max.isAfter(maxTimestamp))) {
            maxTimestamp = max;
        }
    }

    /** Rows accepted into files, open or published (rows of dropped files are subtracted). */
    public long rowsWritten() {
        return rowsWritten;
    }

    /** Rows in files this run made visible. */
    public long rowsPublished() {
        return rowsPublished;
    }

    /** How many files this run made visible (without copying the list). */
    public int publishedFileCount() {
        return published.size();
    }

    /** Files this run made visible, in publication order. */
    public List<Path> publishedFiles() {
        return List.copyOf(published);
    }

    public boolean hasOpenFiles() {
        return !open.isEmpty();
    }

    /** Earliest and latest reading timestamp in the published files, or null when none. */
    public LocalDateTime minTimestamp() {
        return minTimestamp;
    }

    public LocalDateTime maxTimestamp() {
        return maxTimestamp;
    }

    public OutputFolder folder() {
        return folder;
    }
}
