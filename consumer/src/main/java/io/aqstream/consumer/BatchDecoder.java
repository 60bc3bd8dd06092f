package io.aqstream.consumer;

import io.aqstream.common.InvalidMessageException;
import io.aqstream.common.format.FormatRow;
import io.aqstream.consumer.parquet.ParquetContract;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decodes the messages of one poll before they are written, the second half on a thread of its own. Why:
 * decoding JSON was about 30% of bin/consume's time, all on the one thread that also writes Parquet; on
 * two cores the halves overlap. Decoding has no side effects (a message becomes a row or a reason), so
 * the order of writes, the dead letters and the commits stay on the poll thread exactly as before.
 */
final class BatchDecoder implements AutoCloseable {
    /** Below this many messages the hand-off costs more than it saves. */
    static final int SPLIT_AT = 256;

    /** A message as a row, or the reason it is not one. */
    record Decoded(FormatRow row, String error) {
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
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw (RuntimeException) e.getCause();
        }
        return out;
    }

    private void decode(List<ConsumerRecord<byte[], byte[]>> records, Decoded[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            try {
                out[i] = new Decoded(contract.decode(records.get(i).value()), null);
            } catch (InvalidMessageException e) {
                out[i] = new Decoded(null, e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        helper.shutdownNow();
    }
}
