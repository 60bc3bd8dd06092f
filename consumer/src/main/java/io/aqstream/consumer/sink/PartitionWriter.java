package io.aqstream.consumer.sink;

import io.aqstream.common.format.FormatRow;
import io.aqstream.common.processed.ParquetFooter;
import io.aqstream.consumer.files.OutputFolder;
import io.aqstream.consumer.parquet.ParquetContract;
import io.aqstream.consumer.parquet.RowWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Future;
import org.apache.avro.generic.GenericRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One partition's open span: the offsets consumed since its last file and the in-progress Parquet file
 * holding their rows, with the steps a file goes through (write, close and sync, publish, or abandon).
 * {@link ParquetSink} decides when each step happens; this class owns the file and its figures. The
 * file is created at the first row, so a span of rejected messages only never leaves an empty file.
 *
 * <p>The Parquet work (encoding the rows, closing the file, fsync) runs on the partition's
 * {@link PartitionLane}, in chunks of {@value #CHUNK} rows; the bookkeeping (offsets, rows, timestamps)
 * stays on the poll thread, which is the only caller of this class.
 */
final class PartitionWriter {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionWriter.class);
    /** Rows handed to the lane at once: enough to make the hand-over cheap, few enough to keep it busy. */
    static final int CHUNK = 512;

    private final OutputFolder folder;
    private final int partition;
    private final long firstOffset;
    private final long openedAtNanos;
    private final long rowGroupBytes;
    /** Footer entries naming the topic incarnation the rows come from (topic, topic id, cluster id). */
    private final Map<String, String> source;
    private final ParquetContract contract;
    private final PartitionLane lane;
    private long lastOffset;
    private long lastRecordNanos;
    private long rows;
    private LocalDateTime minTimestamp;
    private LocalDateTime maxTimestamp;
    private Path inProgress;
    private RowWriter writer;
    /** Rows not handed to the lane yet. */
    private List<GenericRecord> chunk = new ArrayList<>(CHUNK);
    /** The file's size as of the last chunk the lane wrote (compressed and buffered bytes). */
    private volatile long dataSize;

    PartitionWriter(OutputFolder folder, int partition, long firstOffset, long nowNanos, long rowGroupBytes,
            Map<String, String> source, ParquetContract contract, PartitionLane lane) {
        this.folder = folder;
        this.lane = lane;
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
        if (writer == null) {
            inProgress = folder.inProgressPath(partition, firstOffset);
            try {
                writer = folder.create(inProgress, contract.schema(), rowGroupBytes, this::footer);
            } catch (IOException e) {
                throw OutputFolder.notWritable(inProgress, e);
            }
        }
        chunk.add(record);
        if (chunk.size() >= CHUNK) {
            handOver();
        }
        rows++;
        LocalDateTime t = row.timestamp();
        minTimestamp = minTimestamp == null || t.isBefore(minTimestamp) ? t : minTimestamp;
        maxTimestamp = maxTimestamp == null || t.isAfter(maxTimestamp) ? t : maxTimestamp;
    }

    /** Hands the rows gathered so far to the lane, which writes them while the poll thread goes on. */
    private void handOver() {
        if (chunk.isEmpty()) {
            return;
        }
        List<GenericRecord> rowsToWrite = chunk;
        chunk = new ArrayList<>(CHUNK);
        RowWriter file = writer;
        Path path = inProgress;
        lane.write(() -> {
            try {
                for (GenericRecord r : rowsToWrite) {
                    file.write(r);
                }
            } catch (IOException e) {
                throw OutputFolder.notWritable(path, e);
            }
            dataSize = file.dataSize();
        });
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
        // The size lags by the rows not written yet (at most a few chunks): the byte limit is a soft bound.
        return policy.full(rows, writer == null ? 0 : dataSize);
    }

    boolean due(RollPolicy policy, long nowNanos) {
        return policy.due(openedAtNanos, lastRecordNanos, nowNanos);
    }

    /** Whether the span has a file (at least one row), i.e. something to publish. */
    boolean hasFile() {
        return inProgress != null;
    }

    /**
     * Starts finishing the file and making its content durable, on the lane, after the rows handed over;
     * the partitions of one close-out finish side by side. Wait for it with {@link PartitionLane#await}
     * before publishing.
     *
     * @return false when the file is gone: the partition's new owner removed it when it took over while
     *     this consumer was paused
     */
    Future<Boolean> closeAndSync() {
        handOver();
        RowWriter file = writer;
        Path path = inProgress;
        writer = null;
        return lane.submit(() -> {
            try {
                file.close();
            } catch (IOException e) {
                throw OutputFolder.notWritable(path, e);
            }
            return folder.sync(path);
        });
    }

    /** Makes the synced file visible under its finished name; empty when it is gone (see {@link #closeAndSync}). */
    Optional<Path> publish() {
        Optional<Path> done = folder.publish(inProgress, partition, firstOffset, lastOffset);
        done.ifPresent(p -> LOG.info("published {} ({} rows)", p.getFileName(), rows));
        return done;
    }

    /** Drops the span uncommitted: its in-progress file is deleted, its rows will be read again. */
    void abandon() {
        chunk.clear();
        lane.drain(); // nothing of this span is written after this
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
