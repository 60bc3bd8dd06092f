package io.aqstream.consumer;

import io.aqstream.consumer.files.OutputFolder;
import io.aqstream.consumer.parquet.RowWriter;
import java.io.IOException;
import org.apache.avro.Schema;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.avro.generic.GenericRecord;

/**
 * An output folder that fails at a chosen step, so tests can crash exactly where exactly-once could break
 * instead of hoping a SIGKILL lands at the right instant (kafka-connect-hdfs's tests do the same with a
 * failing storage). The product's code has no fault hooks. Faults, {@code KIND:N} with N the 1-based
 * count of the step:
 * <ul>
 *   <li>{@code halt-after-publish:N}: halt the JVM right after the N-th file is renamed, before its
 *       offsets are committed;</li>
 *   <li>{@code halt-before-publish:N}: halt after the N-th file is written and fsynced, before the
 *       rename (leaves an orphaned in-progress file);</li>
 *   <li>{@code pause-before-publish:N}: after the N-th file is written and fsynced, print {@value #PAUSED}
 *       on stderr and sleep {@value #PAUSE_SECONDS} s before the group is asked to confirm ownership, so
 *       that a test can SIGSTOP the process there, as a long GC pause or a closed laptop lid would;</li>
 *   <li>{@code fail-write:N}: the N-th row write fails with "No space left on device".</li>
 * </ul>
 * {@link Runtime#halt} skips shutdown hooks and finally blocks: as abrupt as a SIGKILL for our files.
 */
final class FaultyOutputFolder extends OutputFolder {
    static final int HALT_STATUS = 99;
    static final String PAUSED = "fault injected: paused before publishing";
    static final int PAUSE_SECONDS = 20;

    private final String kind;
    private final long at;
    private long syncs;
    private long publishes;
    private long writes;

    private FaultyOutputFolder(OutputFolder folder, String kind, long at) {
        super(folder.dir(), folder.topic());
        this.kind = kind;
        this.at = at;
    }

    /** Opens {@code output/topic/} as the product does, failing as {@code spec} says. */
    static FaultyOutputFolder open(Path output, String topic, String spec) {
        int colon = spec.indexOf(':');
        String kind = spec.substring(0, colon < 0 ? spec.length() : colon).toLowerCase(Locale.ROOT);
        long at = colon < 0 ? 1 : Long.parseLong(spec.substring(colon + 1));
        if (!kind.equals("halt-after-publish") && !kind.equals("halt-before-publish") && !kind.equals("fail-write")
                && !kind.equals("pause-before-publish")) {
            throw new IllegalArgumentException("unknown fault " + spec);
        }
        return new FaultyOutputFolder(OutputFolder.open(output, topic), kind, at);
    }

    @Override
    public boolean sync(Path file) {
        boolean present = super.sync(file);
        syncs++;
        if (syncs == at && kind.equals("halt-before-publish")) {
            Runtime.getRuntime().halt(HALT_STATUS);
        }
        if (syncs == at && kind.equals("pause-before-publish")) {
            System.err.println(PAUSED);
            System.err.flush();
            try {
                Thread.sleep(PAUSE_SECONDS * 1000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return present;
    }

    @Override
    public Optional<Path> publish(Path inProgress, int partition, long firstOffset, long lastOffset) {
        Optional<Path> done = super.publish(inProgress, partition, firstOffset, lastOffset);
        publishes++;
        if (publishes == at && kind.equals("halt-after-publish")) {
            Runtime.getRuntime().halt(HALT_STATUS);
        }
        return done;
    }

    @Override
    public RowWriter create(Path inProgress, Schema schema, long rowGroupBytes, Supplier<Map<String, String>> footer)
            throws IOException {
        RowWriter real = super.create(inProgress, schema, rowGroupBytes, footer);
        return new RowWriter() {
            @Override
            public void write(GenericRecord row) throws IOException {
                writes++;
                if (writes == at && kind.equals("fail-write")) {
                    throw new IOException("No space left on device (injected)");
                }
                real.write(row);
            }

            @Override
            public long dataSize() {
                return real.dataSize();
            }

            @Override
            public void close() throws IOException {
                real.close();
            }
        };
    }
}
