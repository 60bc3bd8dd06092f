package io.aqstream.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Kills the Kafka nodes of a fault-injection run at planned instants and brings them back. On the single
 * node the run waits for the restart (nothing works without it). On the cluster the restart happens in the
 * background while producers and consumer go on with the two other nodes; a kill never comes while another
 * node is down (it waits until that node is ready), except in the separate two-down episodes, where two
 * nodes die together and stay down long enough for the producers to say the cluster cannot take writes.
 */
final class NodeKiller {
    private final Brokers brokers;
    private final FaultPlan plan;
    private final Random dice;
    private final KillLog log;
    private final Consumer<String> event;
    private final List<Long> singleAt;
    private final List<Long> twoDownAt;
    private CompletableFuture<Void> restarting = CompletableFuture.completedFuture(null);

    NodeKiller(Brokers brokers, FaultPlan plan, Random dice, KillLog log, Consumer<String> event, List<Long> singleAt,
            List<Long> twoDownAt) {
        this.brokers = brokers;
        this.plan = plan;
        this.dice = dice;
        this.log = log;
        this.event = event;
        this.singleAt = new ArrayList<>(singleAt);
        this.twoDownAt = new ArrayList<>(twoDownAt);
    }

    /** Does what is due now; on the single node, blocks until the killed node is ready again. */
    void tick(long now) throws InterruptedException {
        if (restarting.isDone()) {
            restarting.join(); // rethrows a failed restart
        } else {
            return;
        }
        if (!twoDownAt.isEmpty() && now >= twoDownAt.get(0)) {
            twoDownAt.remove(0);
            int first = 1 + dice.nextInt(brokers.size());
            int second = 1 + (first + dice.nextInt(brokers.size() - 1)) % brokers.size();
            brokers.killHard(first);
            brokers.killHard(second);
            log.twoDownEpisodes++;
            event.accept(String.format(java.util.Locale.ROOT, "SIGKILL node %d and node %d together (no quorum);"
                    + " both start again in %d s", first, second, plan.twoDownSeconds()));
            restarting = CompletableFuture.runAsync(() -> {
                sleep(plan.twoDownSeconds() * 1000L);
                restart(first);
                restart(second);
            });
        } else if (!singleAt.isEmpty() && now >= singleAt.get(0)) {
            singleAt.remove(0);
            int node = brokers.size() == 1 ? 1 : 1 + dice.nextInt(brokers.size());
            long down = 500 + dice.nextInt(2_500);
            brokers.killHard(node);
            log.nodeKills++;
            event.accept(brokers.size() == 1 ? String.format(java.util.Locale.ROOT, "SIGKILL node; restarting it in %d ms", down)
                    : String.format(java.util.Locale.ROOT, "SIGKILL node %d; starting it again in %d ms", node, down));
            Runnable back = () -> {
                sleep(down);
                restart(node);
            };
            if (brokers.size() == 1) {
                back.run();
            } else {
                restarting = CompletableFuture.runAsync(back);
            }
        }
    }

    /** Waits until no node is down (before the final drain and the verification). */
    void awaitAllUp() {
        restarting.join();
    }

    private void restart(int node) {
        long at = System.currentTimeMillis();
        brokers.restart(node);
        long took = System.currentTimeMillis() - at;
        synchronized (log) {
            log.nodeRestartMillis.add(took);
        }
        event.accept(brokers.size() == 1 ? String.format(java.util.Locale.ROOT, "node ready again after %d ms", took)
                : String.format(java.util.Locale.ROOT, "node %d ready again after %d ms", node, took));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
