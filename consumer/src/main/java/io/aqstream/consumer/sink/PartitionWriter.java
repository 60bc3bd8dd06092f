package io.aqstream.consumer.sink;

import io.aqstream.common.format.FormatRow;
import io.aqstream.common.processed.ParquetFooter;
import io.aqstream.consumer.files.OutputFolder;
import io.aqstream.consumer.parquet.ParquetContract;
import io.aqstream.consumer.parquet.RowWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.generic.GenericRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One partition's open span: the offsets consumed since its last file and the in-progress Parquet file
 * holding their rows, with the steps a file goes through (write, close and sync, publish, or abandon).
 * {@link ParquetSink} decides when each step happens; this class owns the file and its figures. The
 * file is created at the first row, so a span of rejected messages only never leaves an empty file.
 */
final class PartitionWriter {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionWriter.class);
    /**
     * The byte roll limit is checked every this many rows, the row limit every row. Asking Parquet for its
     * buffered size walks every column's buffers: asked after every row, it was 4% of bin/consume's main
     * thread (async-profiler, 2026-12-02). A file may pass the byte limit by 63 rows, a few KB against --roll-mb.
     */
    private static final int SIZE_CHECK_ROWS = 64;

    private final OutputFolder folder;
    private final int partition;
    private final long firstOffset;
    private final long openedAtNanos;
    private final long rowGroupBytes;
    /** Footer entries naming the topic incarnation the rows come from (topic, topic id, cluster id). */
    private final Map<String, String> source;
    private final ParquetContract contract;
    private long lastOffset;
    private long lastRecordNanos;
    private long rows;
    private LocalDateTime minTimestamp;
    private LocalDateTime maxTimestamp;
    private Path inProgress;
    private RowWriter writer;

    PartitionWriter(OutputFolder folder, int partition, long firstOffset, long nowNanos, long rowGroupBytes,
            Map<String, String> source, ParquetContract contract) {
        this.folder = folder;
        this.contract = contract;
        this.partition = partition;
        this.firstOffset = firstOffset;
        this.lastOffset = firstOffset;
        this.openedAtNanos = nowNanos;
        this.lastRecordNanos = nowNanos;
        this.rowGroupBytes = rowGroupBytes;
        this.source = source;
    }

    /** Appends {@code row}, read at {@code offset}; {@code record} is its Avro record ({@link ParquetContract#toRecord}). */
    void write(long offset, FormatRow row, GenericRecord record, long nowNanos) {
        consumed(offset, nowNanos);
        try {
            if (writer == null) {
                inProgress = folder.inProgressPath(partition, firstOffset);
                writer = folder.create(inProgress, contract.schema(), rowGroupBytes, this::footer);
            }
            writer.write(record);
        } catch (IOException e) {
            throw OutputFolder.notWritable(inProgress == null ? folder.dir() : inProgress, e);
        }
        rows++;
        LocalDateTime t = row.timestamp();
        minTimestamp = minTimestamp == null || t.isBefore(minTimestamp) ? t : minTimestamp;
        maxTimestamp = maxTimestamp == null || t.isAfter(maxTimestamp) ? t : maxTimestamp;
    }

    /** Accounts for an offset that produced no row (a rejected message, already dead-lettered). */
    void skip(long offset, long nowNanos) {
        consumed(offset, nowNanos);
    }

    private void consumed(long offset, long nowNanos) {
        lastOffset = offset;
        lastRecordNanos = nowNanos;
    }

    boolean full(RollPolicy policy) {
        return policy.full(rows, writer == null || rows % SIZE_CHECK_ROWS != 0 ? 0 : writer.dataSize());
    }

    boolean due(RollPolicy policy, long nowNanos) {
        return policy.due(openedAtNanos, lastRecordNanos, nowNanos);
    }

    /** Whether the span has a file (at least one row), i.e. something to publish. */
    boolean hasFile() {
        return inProgress != null;
    }

    /**
     * Finishes the file and makes its content durable.
     *
     * @return false when the file is gone: the partition's new owner removed it when it took over while
     *     this consumer was paused
     */
    boolean closeAndSync() {
        try {
            writer.close();
        } catch (IOException e) {
            throw OutputFolder.notWritable(inProgress, e);
        }
        writer = null;
        return folder.sync(inProgress);
    }

    /** Makes the synced file visible under its finished name; empty when it is gone (see {@link #closeAndSync}). */
    Optional<Path> publish() {
        Optional<Path> done = folder.publish(inProgress, partition, firstOffset, lastOffset);
        done.ifPresent(p -> LOG.info("published {} ({} rows)", p.getFileName(), rows));
        return done;
    }

    /** Drops the span uncommitted: its in-progress file is deleted, its rows will be read again. */
    void abandon() {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException | RuntimeException e) {
                LOG.debug("closing abandoned writer of {}", inProgress, e);
            }
            writer = null;
        }
        if (inProgress != null) {
            folder.discard(inProgress);
        }
        LOG.info("dropped uncommitted rows of partition {} (offsets {}..{}); they will be read again", partition,
                firstOffset, lastOffset);
    }

    int partition() {
        return partition;
    }

    long firstOffset() {
        return firstOffset;
    }

    /** The offset just past the span: where the partition continues once the span is accounted for. */
    long nextOffset() {
        return lastOffset + 1;
    }

    long rows() {
        return rows;
    }

    LocalDateTime minTimestamp() {
        return minTimestamp;
    }

    LocalDateTime maxTimestamp() {
        return maxTimestamp;
    }

    /** Footer metadata, read by the writer when it closes (the last offset is final by then). */
    private Map<String, String> footer() {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(ParquetFooter.CONTRACT_VERSION, ParquetContract.CONTRACT_VERSION);
        meta.putAll(source); // topic, topic id, cluster id
        meta.put(ParquetFooter.PARTITION, Integer.toString(partition));
        meta.put(ParquetFooter.FIRST_OFFSET, Long.toString(firstOffset));
        meta.put(ParquetFooter.LAST_OFFSET, Long.toString(lastOffset));
        meta.put(ParquetFooter.ROWS, Long.toString(rows));
        return meta;
    }
}
