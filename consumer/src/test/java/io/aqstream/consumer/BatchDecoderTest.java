package io.aqstream.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqstream.common.format.FormatProfile;
import io.aqstream.common.format.FormatProfiles;
import io.aqstream.common.format.FormatRow;
import io.aqstream.common.format.RowJson;
import io.aqstream.common.processed.ParquetColumns;
import io.aqstream.consumer.parquet.ParquetContract;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Decoding on the helper thread, whole or half, gives what decoding one message after the other gives, in order. */
class BatchDecoderTest {
    private static final FormatProfile BEIJING = FormatProfiles.ofProject().byNameOrFile("beijing");

    private static byte[] message(int i) {
        Object[] values = new Object[BEIJING.fields().size()];
        values[0] = (double) i;
        values[values.length - 2] = "NNW";
        return RowJson.toJson(BEIJING.fields(), new FormatRow("Dongsi", LocalDateTime.of(2013, 3, 1, 0, 0).plusHours(i),
                values));
    }

    @Test
    void aBigPollKeepsItsOrderAndEachBadMessageItsReason() {
        for (int size : new int[] {10, BatchDecoder.SPLIT_AT, 5_001}) {
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                byte[] value = i % 997 == 3 ? "{not json".getBytes(StandardCharsets.UTF_8) : message(i);
                records.add(new ConsumerRecord<>("air-quality-beijing", 0, i, null, value));
            }
            try (BatchDecoder decoder = new BatchDecoder(ParquetContract.of(BEIJING))) {
                check(size, decoder.decode(records));
                check(size, decoder.ahead(records).await());
            }
        }
    }

    private static void check(int size, BatchDecoder.Decoded[] decoded) {
        assertEquals(size, decoded.length);
        for (int i = 0; i < size; i++) {
            if (i % 997 == 3) {
                assertNull(decoded[i].row(), "message " + i);
                assertTrue(decoded[i].error().startsWith("not valid JSON"), decoded[i].error());
            } else {
                assertNotNull(decoded[i].row(), "message " + i + ": " + decoded[i].error());
                assertEquals((double) i, decoded[i].row().values()[0], "message " + i);
                assertEquals(LocalDateTime.of(2013, 3, 1, 0, 0).plusHours(i), decoded[i].row().timestamp());
                assertEquals((long) i, decoded[i].record().get(ParquetColumns.KAFKA_OFFSET), "message " + i);
                assertEquals((double) i, decoded[i].record().get(BEIJING.fields().get(0).name()));
            }
        }
    }
}
