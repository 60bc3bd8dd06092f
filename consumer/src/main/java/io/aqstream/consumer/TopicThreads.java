package io.aqstream.consumer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** Runs one {@link ConsumeLoop} per thread until all end; the first failure stops the others and is rethrown. */
final class TopicThreads {
    private TopicThreads() {
    }

    static void runAll(List<ConsumeLoop> loops) {
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (ConsumeLoop loop : loops) {
            Thread t = new Thread(() -> {
                try {
                    loop.run();
                } catch (RuntimeException e) {
                    // One topic's failure (e.g. Kafka gone) ends the command: stop the others cleanly.
                    if (failure.compareAndSet(null, e)) {
                        loops.forEach(ConsumeLoop::requestStop);
                    }
                }
            }, "aq-consume-" + loop.folder().topic());
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                loops.forEach(ConsumeLoop::requestStop);
            }
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }
}
