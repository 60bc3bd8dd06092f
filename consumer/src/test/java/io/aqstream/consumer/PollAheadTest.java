package io.aqstream.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqstream.common.format.FormatProfile;
import io.aqstream.common.format.FormatProfiles;
import io.aqstream.common.format.FormatRow;
import io.aqstream.common.format.RowJson;
import io.aqstream.common.processed.ParquetColumns;
import io.aqstream.consumer.parquet.ParquetContract;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The poll ahead, decoded on the real helper thread: a rebalance callback settles a partition's rows once
 * (written for a revoked partition, dropped for a lost one) and the rest of the poll writes every other
 * row once, in offset order. The same with Kafka and a second consumer: ConsumeEndToEndTest.
 */
class PollAheadTest {
    private static final FormatProfile BEIJING = FormatProfiles.ofProject().byNameOrFile("beijing");

    private static List<ConsumerRecord<byte[], byte[]>> poll(int size) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            Object[] values = new Object[BEIJING.fields().size()];
            values[0] = (double) i;
            byte[] value = RowJson.toJson(BEIJING.fields(), new FormatRow("Dongsi",
                    LocalDateTime.of(2013, 3, 1, 0, 0).plusHours(i), values));
            records.add(new ConsumerRecord<>("air-quality-beijing", i % 3, 1_000 + i / 3, null, value));
        }
        return records;
    }

    /** What the rows callback saw, as "partition@offset". */
    private static final class Seen implements PollAhead.Rows {
        final List<String> written = new ArrayList<>();

        @Override
        public void write(ConsumerRecord<byte[], byte[]> record, BatchDecoder.Decoded decoded, long mark) {
            assertEquals(7, mark);
            assertNotNull(decoded.record(), decoded.error());
            assertEquals((long) record.offset(), decoded.record().get(ParquetColumns.KAFKA_OFFSET));
            assertEquals(record.partition(), decoded.record().get(ParquetColumns.KAFKA_PARTITION));
            written.add(record.partition() + "@" + record.offset());
        }

        List<String> of(int partition) {
            return written.stream().filter(s -> s.startsWith(partition + "@")).toList();
        }
    }

    @Test
    void revokedRowsAreWrittenOnceLostRowsNeverAndTheRestOnceInOrder() {
        List<ConsumerRecord<byte[], byte[]>> records = poll(3 * 700);
        try (BatchDecoder decoder = new BatchDecoder(ParquetContract.of(BEIJING))) {
            PollAhead ahead = new PollAhead();
            assertFalse(ahead.pending());
            ahead.hold(records, decoder.ahead(records), 7);
            assertTrue(ahead.pending());
            assertThrows(IllegalStateException.class, () -> ahead.hold(records, decoder.ahead(records), 7));
            Seen seen = new Seen();

            assertEquals(700, ahead.finish(List.of(1), seen), "revoked partition 1");
            assertEquals(700, seen.written.size());
            assertEquals(0, ahead.finish(List.of(1), seen), "already written");
            assertEquals(700, ahead.drop(List.of(2)), "lost partition 2");
            assertEquals(0, ahead.drop(List.of(1, 2)), "both settled already");

            ahead.writeRest(seen);
            assertFalse(ahead.pending());
            assertEquals(1_400, seen.written.size());
            assertEquals(List.of(), seen.of(2));
            for (int p : new int[] {0, 1}) {
                List<String> expected = new ArrayList<>();
                for (int o = 1_000; o < 1_700; o++) {
                    expected.add(p + "@" + o);
                }
                assertEquals(expected, seen.of(p), "partition " + p);
            }
            ahead.writeRest(seen);
            assertEquals(1_400, seen.written.size(), "nothing pending any more");
        }
    }

    @Test
    void aForgottenPollWritesNothingAndTheNextOneStartsUnsettled() {
        List<ConsumerRecord<byte[], byte[]>> records = poll(300);
        try (BatchDecoder decoder = new BatchDecoder(ParquetContract.of(BEIJING))) {
            PollAhead ahead = new PollAhead();
            Seen seen = new Seen();
            ahead.hold(records, decoder.ahead(records), 7);
            ahead.drop(List.of(0, 1));
            ahead.forget();
            assertFalse(ahead.pending());
            ahead.hold(records, decoder.ahead(records), 7);
            ahead.writeRest(seen);
            assertEquals(300, seen.written.size());
        }
    }
}
