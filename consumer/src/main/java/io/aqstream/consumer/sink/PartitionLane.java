package io.aqstream.consumer.sink;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * The thread that runs one partition's file steps (Parquet encoding of its rows, close, fsync), so that
 * the partitions of one consumer are encoded on as many cores as there are, while the poll thread keeps
 * polling. The S3 sink's {@code TopicPartitionWriter} pattern: one partition, one owner of its steps.
 *
 * <p>Steps run one at a time, in the order they were handed over, so a partition's rows reach its file in
 * offset order and a close always follows the last write. {@link #write} hands a step over without
 * waiting (at most {@value #IN_FLIGHT} waiting at once, so memory stays bounded when Parquet is slower than
 * Kafka); {@link #call} waits for a step and thereby for every step before it. Exactly-once does not move:
 * the poll thread still decides when a file is closed out, and publishes and commits only after the
 * lane's close-and-fsync step has returned.
 *
 * <p>A step that fails fails the lane: later steps are skipped, and the failure (a
 * {@link io.aqstream.common.cli.UserException} from the folder, as on the poll thread) is thrown on the
 * poll thread by the next {@link #write} or {@link #call}.
 */
final class PartitionLane implements AutoCloseable {
    /** Chunks handed over and not written yet, at most. */
    static final int IN_FLIGHT = 8;

    private final ExecutorService thread;
    private final Semaphore room = new Semaphore(IN_FLIGHT);
    private volatile Throwable failure;

    PartitionLane(int partition) {
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "parquet-partition-" + partition);
            t.setDaemon(true); // never keeps the JVM alive: what matters was waited for by the poll thread
            return t;
        });
    }

    /** Runs {@code step} after the ones handed over before, without waiting for it. */
    void write(Runnable step) {
        rethrowFailure();
        room.acquireUninterruptibly();
        thread.execute(() -> {
            try {
                if (failure == null) {
                    step.run();
                }
            } catch (Throwable t) {
                failure = t;
            } finally {
                room.release();
            }
        });
    }

    /** Runs {@code step} after the ones handed over before; the returned future fails as the lane does. */
    <T> Future<T> submit(Callable<T> step) {
        CompletableFuture<T> result = new CompletableFuture<>();
        thread.execute(() -> {
            if (failure != null) {
                result.completeExceptionally(failure);
                return;
            }
            try {
                result.complete(step.call());
            } catch (Throwable t) {
                failure = t;
                result.completeExceptionally(t);
            }
        });
        return result;
    }

    /** Runs {@code step} after the ones handed over before, and waits for it. */
    <T> T call(Callable<T> step) {
        return await(submit(step));
    }

    /** The result of a step from {@link #submit}, or its failure thrown as it was thrown on the lane. */
    static <T> T await(Future<T> step) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return step.get();
                } catch (InterruptedException e) {
                    interrupted = true; // the step must finish before the file can be touched again
                } catch (ExecutionException e) {
                    throw rethrow(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Waits for every step handed over, whatever their outcome, and forgets a failure: for dropping the
     * partition's file (its rows are read again), after which the lane starts afresh.
     */
    void drain() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        thread.execute(() -> {
            failure = null;
            done.complete(null);
        });
        await(done);
    }

    private void rethrowFailure() {
        Throwable t = failure;
        if (t != null) {
            throw rethrow(t);
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException) {
            throw (RuntimeException) t;
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
        throw new IllegalStateException(t);
    }

    /** Stops the thread once the steps handed over are done. */
    @Override
    public void close() {
        thread.shutdown();
    }
}
