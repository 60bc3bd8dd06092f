package io.aqstream.consumer;

import io.aqstream.common.InvalidMessageException;
import io.aqstream.common.format.FormatRow;
import io.aqstream.consumer.parquet.ParquetContract;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decodes the messages of a poll, JSON to the Avro record Parquet is written from, away from the poll
 * thread where it can. Why: decoding and building the records were about 40% of bin/consume's time, all on
 * the one thread that also writes Parquet; on two cores they overlap with the writing. Decoding has no
 * side effects (a message becomes a row or a reason), so the order of writes, the dead letters and the
 * commits stay on the poll thread exactly as before.
 *
 * <p>Two ways: {@link #ahead} hands a whole poll to the helper thread while the poll thread writes the
 * previous one ({@link PollAhead}); {@link #decode} decodes a poll now, the second half on the helper.
 */
final class BatchDecoder implements AutoCloseable {
    /** Below this many messages the hand-off costs more than it saves. */
    static final int SPLIT_AT = 256;

    /**
     * A message as a row and its Avro record ({@link ParquetContract#toRecord}), or the reason it is not
     * one.
     */
    record Decoded(FormatRow row, GenericRecord record, String error) {
    }

    /** A poll being decoded on the helper thread. */
    static final class Pending {
        private final Future<Decoded[]> decoded;

        private Pending(Future<Decoded[]> decoded) {
            this.decoded = decoded;
        }

        /** Waits for the helper; each record's value decoded, in the records' order. */
        Decoded[] await() {
            try {
                return decoded.get(); // also makes the helper's writes visible here
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the decoder thread", e);
            } catch (ExecutionException e) {
                throw rethrow(e);
            }
        }
    }

    private final ParquetContract contract;
    private final ExecutorService helper = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "aq-consume-decoder");
        t.setDaemon(true);
        return t;
    });

    BatchDecoder(ParquetContract contract) {
        this.contract = contract;
    }

    /** Starts decoding {@code records} on the helper thread; the caller must not change the list. */
    Pending ahead(List<ConsumerRecord<byte[], byte[]>> records) {
        return new Pending(helper.submit(() -> {
            Decoded[] out = new Decoded[records.size()];
            decode(records, out, 0, out.length);
            return out;
        }));
    }

    /** Each record's value decoded, in the records' order. */
    Decoded[] decode(List<ConsumerRecord<byte[], byte[]>> records) {
        int n = records.size();
        Decoded[] out = new Decoded[n];
        if (n < SPLIT_AT) {
            decode(records, out, 0, n);
            return out;
        }
        int half = n / 2;
        Future<?> second = helper.submit(() -> decode(records, out, half, n));
        decode(records, out, 0, half);
        try {
            second.get(); // also makes the helper's writes to out visible here
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            second.cancel(false);
            decode(records, out, half, n);
        } catch (ExecutionException e) {
            throw rethrow(e);
        }
        return out;
    }

    private void decode(List<ConsumerRecord<byte[], byte[]>> records, Decoded[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            ConsumerRecord<byte[], byte[]> record = records.get(i);
            try {
                FormatRow row = contract.decode(record.value());
                out[i] = new Decoded(row, contract.toRecord(row, record.partition(), record.offset()), null);
            } catch (InvalidMessageException e) {
                out[i] = new Decoded(null, null, e.getMessage());
            }
        }
    }

    private static RuntimeException rethrow(ExecutionException e) {
        if (e.getCause() instanceof Error error) {
            throw error;
        }
        return (RuntimeException) e.getCause();
    }

    @Override
    public void close() {
        helper.shutdownNow();
    }
}
