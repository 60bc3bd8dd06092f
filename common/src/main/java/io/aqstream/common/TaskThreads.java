package io.aqstream.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs tasks that belong together (one per topic, one per station) each in its own thread until all
 * end. The first failure asks the others to stop, so the command ends cleanly rather than half-running,
 * and is rethrown once every thread is done; an interrupt of the caller asks them to stop too.
 */
public final class TaskThreads {
    private TaskThreads() {
    }

    /**
     * @param tasks each task by its thread's name
     * @param stopAll asks every task to stop at its next safe point (a clean stop, not an interrupt)
     */
    public static void runAll(Map<String, Runnable> tasks, Runnable stopAll) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        tasks.forEach((name, task) -> {
            Thread t = new Thread(() -> {
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    // An Error too (OutOfMemoryError): otherwise its task would end unseen and the others
                    // would finish as if all went well.
                    if (failure.compareAndSet(null, e)) {
                        stopAll.run();
                    }
                }
            }, name);
            threads.add(t);
            t.start();
        });
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopAll.run();
            }
        }
        Throwable first = failure.get();
        if (first instanceof Error error) {
            throw error;
        }
        if (first != null) {
            throw (RuntimeException) first;
        }
    }
}
