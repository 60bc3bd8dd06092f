package io.aqstream.consumer;

import io.aqstream.common.TaskThreads;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs one {@link ConsumeLoop} per thread until all end; the first failure stops the others and is rethrown. */
final class TopicThreads {
    private TopicThreads() {
    }

    static void runAll(List<ConsumeLoop> loops) {
        // One topic's failure (e.g. Kafka gone) ends the command: the others stop cleanly.
        Map<String, Runnable> tasks = new LinkedHashMap<>();
        loops.forEach(loop -> tasks.put("aq-consume-" + loop.folder().topic(), loop::run));
        TaskThreads.runAll(tasks, () -> loops.forEach(ConsumeLoop::requestStop));
    }
}
