package io.aqstream.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqstream.common.AirQualityReading;
import io.aqstream.common.Measurement;
import io.aqstream.common.format.FormatProfiles;
import io.aqstream.common.format.FormatRow;
import io.aqstream.consumer.parquet.ParquetContract;
import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.UserException;
import io.aqstream.common.processed.FileNames;
import io.aqstream.common.processed.TopicIncarnation;
import io.aqstream.consumer.files.OutputFolder;
import io.aqstream.consumer.parquet.ParquetRowWriter;
import io.aqstream.consumer.sink.GroupSession;
import io.aqstream.consumer.sink.ParquetSink;
import io.aqstream.consumer.sink.RollPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sink on plain files: naming, rolling, contract types, recovery, and failures that commit nothing. */
class ParquetSinkTest {
    private static final String TOPIC = "air-quality-data";
    private static final long SECOND = 1_000_000_000L;

    @TempDir
    Path out;

    private final List<Map<Integer, Long>> commits = new ArrayList<>();
    private static final TopicIncarnation SOURCE = new TopicIncarnation("test-cluster", TOPIC, "test-topic-id");
    private int flushes;
    /** What the group answers when the sink asks whether it still owns the partitions it publishes. */
    private boolean owner = true;
    private final List<Map<Integer, Long>> readAgain = new ArrayList<>();

    private ParquetSink sink(long rollRecords) {
        return sink(rollRecords, OutputFolder.open(out, TOPIC));
    }

    private ParquetSink sink(long rollRecords, OutputFolder folder) {
        return sink(new RollPolicy(rollRecords, 64L << 20, Duration.ofSeconds(60), Duration.ofSeconds(5)), folder);
    }

    private ParquetSink sink(RollPolicy policy, OutputFolder folder) {
        return new ParquetSink(folder, policy,
                ParquetRowWriter.DEFAULT_ROW_GROUP_BYTES, new GroupSession() {
                    @Override
                    public void flushDeadLetters() {
                        flushes++;
                    }

                    @Override
                    public boolean confirmOwnership(Map<Integer, Long> firstOffsets) {
                        return owner;
                    }

                    @Override
                    public void readAgain(Map<Integer, Long> firstOffsets) {
                        readAgain.add(firstOffsets);
                    }

                    @Override
                    public void commit(Map<Integer, Long> nextOffsets) {
                        commits.add(nextOffsets);
                    }
                }, SOURCE.footer(), UCI);
    }

    /** The finished files of {@code partition} in the topic's folder, each named by its first and last offset. */
    private List<Path> finished(int partition, long... firstAndLast) {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < firstAndLast.length; i += 2) {
            files.add(out.resolve(TOPIC).resolve(FileNames.finished(TOPIC, partition, firstAndLast[i], firstAndLast[i + 1])));
        }
        return files;
    }

    static final ParquetContract UCI = ParquetContract.of(FormatProfiles.ofProject().byNameOrFile("uci"));

    /** {@link #reading(int)} as the sink takes it. */
    static FormatRow row(int i) {
        AirQualityReading r = reading(i);
        return new FormatRow(r.station(), r.timestamp(), Measurement.ALL.stream().map(r::value).toArray());
    }

    static AirQualityReading reading(int i) {
        Double[] values = new Double[Measurement.ALL.size()];
        for (Measurement m : Measurement.ALL) {
            values[m.ordinal()] = (i + m.ordinal()) % 5 == 0 ? null : i * 0.5 + m.ordinal();
        }
        return new AirQualityReading("st-" + (i % 3), LocalDateTime.of(2004, 3, 10, 18, 0).plusHours(i), values);
    }

    @Test
    void rollsByRecordsPublishesNamedFilesAndCommitsJustPastTheLastOffset() {
        ParquetSink sink = sink(4);
        for (int i = 0; i < 10; i++) {
            sink.write(1, 100 + 2L * i, row(i), 0); // offsets with gaps, as transaction markers leave
        }
        sink.closeOutAll();
        assertEquals(finished(1, 100, 106, 108, 114, 116, 118), ParquetRows.visibleFiles(out));
        assertEquals(List.of(Map.of(1, 107L), Map.of(1, 115L), Map.of(1, 119L)), commits);
        assertEquals(3, flushes, "dead letters flushed before each publication");
        assertEquals(10, sink.rowsPublished());
        assertEquals(OptionalLong.of(119), sink.recover(1));
        assertEquals(OptionalLong.empty(), sink.recover(0));
    }

    @Test
    void rollsByBytesCheckedEvery64Rows() {
        // Every file passes a 1-byte limit at its first row; the size is asked every 64 rows (PartitionWriter).
        ParquetSink sink = sink(new RollPolicy(1_000_000, 1, Duration.ofSeconds(60), Duration.ofSeconds(5)),
                OutputFolder.open(out, TOPIC));
        for (int i = 0; i < 150; i++) {
            sink.write(2, i, row(i), 0);
        }
        sink.closeOutAll();
        assertEquals(finished(2, 0, 63, 64, 127, 128, 149), ParquetRows.visibleFiles(out));
        assertEquals(List.of(Map.of(2, 64L), Map.of(2, 128L), Map.of(2, 150L)), commits);
    }

    @Test
    void offsetsGoingBackBelowTheFinishedFilesStopTheSinkBeforeWritingAnything() {
        ParquetSink first = sink(100);
        for (int i = 0; i < 5; i++) {
            first.write(1, i, row(i), 0);
        }
        first.closeOutAll();
        ParquetSink restarted = sink(100);
        assertEquals(OptionalLong.of(5), restarted.recover(1));
        // The topic was recreated (or the node reset) under a running consumer: its offsets start at 0 again.
        UserException e = assertThrows(UserException.class, () -> restarted.write(1, 0, row(0), 0));
        assertEquals(ExitCodes.BAD_INPUT, e.exitCode());
        assertTrue(e.getMessage().startsWith("partition 1 of " + TOPIC + " went back to offset 0 although "
                + out.resolve(TOPIC) + " already holds its offsets up to 4: the topic was deleted and recreated"),
                e.getMessage());
        assertEquals(1, ParquetRows.visibleFiles(out).size(), "nothing new written");
        restarted.write(1, 5, row(5), 0); // the next offset is fine
    }

    @Test
    void filesAreDroppedNotPublishedWhenTheGroupNoLongerCountsUsAsTheOwner() throws Exception {
        ParquetSink sink = sink(100);
        for (int i = 0; i < 5; i++) {
            sink.write(2, 40 + i, row(i), 0);
        }
        owner = false; // e.g. our session expired during a long pause and another member has partition 2
        sink.closeOutAll();
        assertEquals(List.of(), ParquetRows.visibleFiles(out), "nothing published");
        try (var files = java.nio.file.Files.list(out.resolve(TOPIC))) {
            assertEquals(0, files.count(), "the in-progress file is deleted");
        }
        assertEquals(List.of(), commits, "nothing committed");
        assertEquals(List.of(Map.of(2, 40L)), readAgain, "the rows are read again from the file's first offset");
        assertEquals(0, sink.rowsWritten());
        assertFalse(sink.hasOpenFiles());

        owner = true; // the rows come again (set back, or from the new owner) and are written once
        for (int i = 0; i < 5; i++) {
            sink.write(2, 40 + i, row(i), 0);
        }
        sink.closeOutAll();
        assertEquals(finished(2, 40, 44),
                ParquetRows.visibleFiles(out));
        assertEquals(List.of(Map.of(2, 45L)), commits);
    }

    @Test
    void aFileRemovedByTheNewOwnerWhileWeWerePausedIsNeitherPublishedNorCommitted() throws Exception {
        ParquetSink sink = sink(100);
        for (int i = 0; i < 3; i++) {
            sink.write(0, 7 + i, row(i), 0);
        }
        sink.recover(1); // another partition: leaves partition 0's file alone
        try (var files = java.nio.file.Files.list(out.resolve(TOPIC))) {
            for (Path p : files.toList()) {
                java.nio.file.Files.delete(p); // what the partition's new owner does when it takes over
            }
        }
        sink.closeOutAll();
        assertEquals(List.of(), ParquetRows.visibleFiles(out));
        assertEquals(List.of(), commits);
        assertEquals(List.of(Map.of(0, 7L)), readAgain);
        assertEquals(0, sink.rowsWritten());
    }

    @Test
    void rowsFollowTheContractTypesNullsAndFooter() {
        ParquetSink sink = sink(1000);
        for (int i = 0; i < 7; i++) {
            sink.write(0, i, row(i), 0);
        }
        sink.closeOutAll();
        Path file = ParquetRows.visibleFiles(out).get(0);
        List<GenericRecord> rows = ParquetRows.read(file);
        assertEquals(7, rows.size());
        for (int i = 0; i < 7; i++) {
            GenericRecord row = rows.get(i);
            AirQualityReading expected = reading(i);
            assertEquals(expected.station(), row.get("station").toString());
            assertEquals(expected.timestamp(), row.get("timestamp"), "local-timestamp-micros reads back as LocalDateTime");
            for (Measurement m : Measurement.ALL) {
                assertEquals(expected.value(m), row.get(m.column()), m.column());
            }
            assertEquals(0, row.get("kafka_partition"));
            assertEquals((long) i, row.get("kafka_offset"));
        }
        assertNull(rows.get(0).get("co_gt"), "missing stays null, never -200");

        ParquetMetadata footer = ParquetRows.footer(file);
        Type ts = footer.getFileMetaData().getSchema().getType("timestamp");
        assertEquals(LogicalTypeAnnotation.timestampType(false, LogicalTypeAnnotation.TimeUnit.MICROS),
                ts.getLogicalTypeAnnotation(), "TIMESTAMP(isAdjustedToUTC=false): naive in pandas and DuckDB");
        assertEquals(Type.Repetition.OPTIONAL, footer.getFileMetaData().getSchema().getType("co_gt").getRepetition());
        assertEquals(PrimitiveType.PrimitiveTypeName.DOUBLE,
                footer.getFileMetaData().getSchema().getType("co_gt").asPrimitiveType().getPrimitiveTypeName());
        assertEquals(CompressionCodecName.ZSTD, footer.getBlocks().get(0).getColumns().get(0).getCodec());
        Map<String, String> kv = footer.getFileMetaData().getKeyValueMetaData();
        assertEquals(TOPIC, kv.get("aq.kafka.topic"));
        assertEquals("test-topic-id", kv.get("aq.kafka.topic_id"), "the topic incarnation the rows came from");
        assertEquals("test-cluster", kv.get("aq.kafka.cluster_id"));
        assertEquals("0", kv.get("aq.kafka.partition"));
        assertEquals("0", kv.get("aq.kafka.first_offset"));
        assertEquals("6", kv.get("aq.kafka.last_offset"));
        assertEquals("7", kv.get("aq.rows"));
    }

    @Test
    void openFileIsHiddenUntilClosedOutAndIdleFlushClosesIt() throws Exception {
        ParquetSink sink = sink(1000);
        sink.write(2, 5, row(0), 0);
        assertEquals(List.of(), ParquetRows.visibleFiles(out));
        assertTrue(Files.exists(out.resolve(TOPIC).resolve(FileNames.inProgress(TOPIC, 2, 5))));
        sink.closeOutDue(4 * SECOND);
        assertEquals(List.of(), commits, "not idle long enough yet");
        sink.closeOutDue(5 * SECOND);
        assertEquals(List.of(Map.of(2, 6L)), commits);
        assertEquals(1, ParquetRows.visibleFiles(out).size());
        assertFalse(Files.exists(out.resolve(TOPIC).resolve(FileNames.inProgress(TOPIC, 2, 5))));
    }

    @Test
    void rejectedOffsetsAreAccountedForWithoutAnEmptyFile() {
        ParquetSink sink = sink(1000);
        sink.skip(0, 10, 0);
        sink.skip(0, 11, 0);
        sink.closeOutAll();
        assertEquals(List.of(), ParquetRows.visibleFiles(out));
        assertEquals(List.of(Map.of(0, 12L)), commits);
        sink.skip(0, 12, 0);
        sink.write(0, 13, row(1), 0);
        sink.closeOutAll();
        assertEquals(finished(0, 12, 13),
                ParquetRows.visibleFiles(out), "a file's range includes the rejected offsets before its rows");
    }

    @Test
    void recoveryRemovesLeftoverInProgressFilesOfThatPartitionOnly() throws Exception {
        Path dir = Files.createDirectories(out.resolve(TOPIC));
        Path orphan0 = Files.writeString(dir.resolve(FileNames.inProgress(TOPIC, 0, 7)), "half a file");
        Path orphan1 = Files.writeString(dir.resolve(FileNames.inProgress(TOPIC, 1, 7)), "someone else's");
        Files.writeString(dir.resolve(FileNames.finished(TOPIC, 0, 0, 6)), "x");
        Files.writeString(dir.resolve(FileNames.finished(TOPIC, 0, 7, 41)), "x");
        Files.writeString(dir.resolve(FileNames.finished("other-topic", 0, 42, 99)), "x");
        ParquetSink sink = sink(1000);
        assertEquals(OptionalLong.of(42), sink.recover(0));
        assertFalse(Files.exists(orphan0));
        assertTrue(Files.exists(orphan1));
    }

    @Test
    void failedWriteStopsWithAClearErrorAndCommitsNothing() {
        ParquetSink sink = sink(1000, FaultyOutputFolder.open(out, TOPIC, "fail-write:3"));
        sink.write(0, 0, row(0), 0);
        sink.write(0, 1, row(1), 0);
        UserException e = assertThrows(UserException.class, () -> sink.write(0, 2, row(2), 0));
        assertEquals(ExitCodes.ENVIRONMENT, e.exitCode());
        assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
        assertTrue(e.getMessage().contains("nothing is lost"), e.getMessage());
        sink.discardAll();
        assertEquals(List.of(), commits);
        assertEquals(List.of(), ParquetRows.visibleFiles(out));
        try (var files = java.nio.file.Files.list(out.resolve(TOPIC))) {
            assertEquals(0, files.count(), "the in-progress file is removed too");
        } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    @Test
    void outputThatCannotBeAFolderIsRefusedUpFront() throws Exception {
        Path file = Files.writeString(out.resolve("not-a-folder"), "x");
        UserException e = assertThrows(UserException.class, () -> OutputFolder.open(file, TOPIC));
        assertEquals(ExitCodes.ENVIRONMENT, e.exitCode());
        UserException nested = assertThrows(UserException.class, () -> OutputFolder.open(file.resolve("sub"), TOPIC));
        assertEquals(ExitCodes.ENVIRONMENT, nested.exitCode());
        assertTrue(nested.getMessage().startsWith("cannot write "), nested.getMessage());
    }
}
