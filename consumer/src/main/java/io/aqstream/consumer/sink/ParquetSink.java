package io.aqstream.consumer.sink;

import io.aqstream.common.format.FormatRow;
import io.aqstream.consumer.parquet.ParquetContract;
import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.UserException;
import io.aqstream.consumer.files.OutputFolder;
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
import org.apache.avro.generic.GenericRecord;

/**
 * Turns each partition's records into Parquet files, one open file per partition (never per station, so
 * memory does not grow with the number of stations), and closes them out in the order that keeps
 * exactly-once ({@link #closeOut}, the one place where that order is written down).
 *
 * <p>Not thread-safe: used from the consumer's poll thread only (including its rebalance callbacks).
 */
public final class ParquetSink {
    private final OutputFolder folder;
    private final RollPolicy policy;
    private final long rowGroupBytes;
    private final GroupSession group;
    /** Footer entries naming the topic incarnation, written into every file. */
    private final Map<String, String> sourceFooter;
    /** The topic's columns, from its format. */
    private final ParquetContract contract;
    private final Map<Integer, PartitionWriter> open = new TreeMap<>();
    /** Per partition, the offset the finished files end before ({@link #recover}): nothing below it is new. */
    private final Map<Integer, Long> covered = new HashMap<>();
    private final List<Path> published = new ArrayList<>();

    private long rowsWritten;
    private long rowsPublished;
    private LocalDateTime minTimestamp;
    private LocalDateTime maxTimestamp;

    public ParquetSink(OutputFolder folder, RollPolicy policy, long rowGroupBytes, GroupSession group,
            Map<String, String> sourceFooter, ParquetContract contract) {
        this.folder = folder;
        this.contract = contract;
        this.policy = policy;
        this.rowGroupBytes = rowGroupBytes;
        this.group = group;
        this.sourceFooter = Map.copyOf(sourceFooter);
    }

    /**
     * Prepares to (re)start a partition from the files: removes its leftover in-progress files and
     * returns the offset just past its highest finished offset, or empty if it has no file yet.
     */
    public OptionalLong recover(int partition) {
        PartitionWriter stale = open.remove(partition);
        if (stale != null) {
            drop(stale);
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
    public void write(int partition, long offset, FormatRow row, long nowNanos) {
        write(partition, offset, row, contract.toRecord(row, partition, offset), nowNanos);
    }

    /**
     * The same with the row's Avro record already built ({@link ParquetContract#toRecord} of this row,
     * partition and offset), e.g. on a decoder thread.
     */
    public void write(int partition, long offset, FormatRow row, GenericRecord record, long nowNanos) {
        PartitionWriter writer = span(partition, offset, nowNanos);
        writer.write(offset, row, record, nowNanos);
        rowsWritten++;
        if (writer.full(policy)) {
            closeOut(List.of(partition));
        }
    }

    /** Accounts for an offset that produced no row (a rejected message, already sent to the dead-letter topic). */
    public void skip(int partition, long offset, long nowNanos) {
        span(partition, offset, nowNanos).skip(offset, nowNanos);
    }

    private PartitionWriter span(int partition, long offset, long nowNanos) {
        PartitionWriter writer = open.get(partition);
        if (writer == null) {
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
            writer = new PartitionWriter(folder, partition, offset, nowNanos, rowGroupBytes, sourceFooter, contract);
            open.put(partition, writer);
        }
        return writer;
    }

    /** Closes out the files whose interval or idle time has passed. */
    public void closeOutDue(long nowNanos) {
        List<Integer> due = new ArrayList<>();
        open.forEach((p, w) -> {
            if (w.due(policy, nowNanos)) {
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
     * The exactly-once protocol of bin/consume: publishes the open files of these partitions and commits
     * their next offsets, in the only order that never loses or duplicates a row whatever stops the
     * process between two steps.
     *
     * <ol>
     *   <li>The dead-letter records of these offsets are flushed ({@link GroupSession#flushDeadLetters}):
     *       a rejected message must be durable before a file name or a commit moves past its offset.</li>
     *   <li>Each file is closed and fsynced under its hidden in-progress name. A crash up to here leaves
     *       an invisible file, which the next assignment of the partition deletes ({@link #recover}); its
     *       rows are read again.</li>
     *   <li>The group confirms that this member still owns the partitions
     *       ({@link GroupSession#confirmOwnership}). A member paused past its session timeout (a GC pause,
     *       SIGSTOP, a closed laptop lid) learns here that another member took its partitions over, and
     *       drops its files instead of publishing rows the new owner also writes; a file the new owner
     *       already removed tells the same.</li>
     *   <li>Each file is renamed atomically to {@code TOPIC+PARTITION+FIRST+LAST.parquet} and the folder
     *       fsynced: the file is visible whole or not at all. A crash after this and before the commit is
     *       harmless: at every assignment, a partition resumes just past the highest LAST in the file
     *       names, whatever the group committed (the files are the truth).</li>
     *   <li>The next offsets are committed ({@link GroupSession#commit}); a partition whose span held
     *       only rejected messages publishes nothing and is just committed.</li>
     * </ol>
     * Partitions lost to a session timeout never reach this method: their spans are dropped uncommitted
     * ({@link #discard}). docs/consumer.md ("How exactly-once works") tells the same for users.
     */
    public void closeOut(Collection<Integer> partitions) {
        List<PartitionWriter> spans = new ArrayList<>();
        for (Integer p : partitions) {
            PartitionWriter w = open.get(p);
            if (w != null) {
                spans.add(w);
            }
        }
        if (spans.isEmpty()) {
            return;
        }
        group.flushDeadLetters();
        Map<Integer, Long> firstOffsets = new LinkedHashMap<>();
        boolean removedByAnother = false;
        for (PartitionWriter w : spans) {
            if (w.hasFile()) {
                removedByAnother |= !w.closeAndSync();
                firstOffsets.put(w.partition(), w.firstOffset());
            }
        }
        // Last step before the rename, so that a pause long enough to lose the partitions is noticed here.
        if (!firstOffsets.isEmpty() && (removedByAnother || !group.confirmOwnership(firstOffsets))) {
            spans.forEach(this::drop);
            group.readAgain(firstOffsets);
            return;
        }
        Map<Integer, Long> next = new LinkedHashMap<>();
        for (PartitionWriter w : spans) {
            if (w.hasFile()) {
                Optional<Path> done = w.publish();
                if (done.isEmpty()) {
                    // Removed by a new owner between our check and the rename: a pause of more than the
                    // session timeout right there. Not published, not committed: read again by its owner.
                    drop(w);
                    group.readAgain(Map.of(w.partition(), w.firstOffset()));
                    continue;
                }
                published.add(done.get());
                rowsPublished += w.rows();
                widen(w.minTimestamp(), w.maxTimestamp());
            }
            open.remove(w.partition());
            next.put(w.partition(), w.nextOffset());
        }
        if (!next.isEmpty()) {
            group.commit(next);
        }
    }

    /** Drops the open files of these partitions without publishing or committing (partitions lost). */
    public void discard(Collection<Integer> partitions) {
        for (Integer p : partitions) {
            PartitionWriter w = open.get(p);
            if (w != null) {
                drop(w);
            }
        }
    }

    public void discardAll() {
        discard(new ArrayList<>(open.keySet()));
    }

    private void drop(PartitionWriter w) {
        open.remove(w.partition());
        rowsWritten -= w.rows();
        w.abandon();
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
