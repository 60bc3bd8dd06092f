package io.aqstream.reliability;

import io.aqstream.testkit.KraftTestCluster;
import io.aqstream.testkit.KraftTestNode;
import java.nio.file.Path;

/**
 * The Kafka a fault-injection run attacks: the single node, or the local 3-node cluster (both started by
 * the project's own commands). Nodes are numbered from 1.
 */
interface Brokers extends AutoCloseable {
    String bootstrapServers();

    int size();

    /** SIGKILL of node {@code n}: it dies at once, as on a crash. */
    void killHard(int n);

    /** Node {@code n} back on its data; returns once it is ready. */
    void restart(int n);

    @Override
    void close();

    static Brokers start(int nodes, Path dir) {
        return nodes == 1 ? new SingleNode(KraftTestNode.start(dir.resolve("node")))
                : new ThreeNodes(KraftTestCluster.start(dir.resolve("cluster")));
    }

    /** {@code bin/start-kraft}: one node, replication factor 1. */
    record SingleNode(KraftTestNode node) implements Brokers {
        @Override
        public String bootstrapServers() {
            return node.bootstrapServers();
        }

        @Override
        public int size() {
            return 1;
        }

        @Override
        public void killHard(int n) {
            node.killHard();
        }

        @Override
        public void restart(int n) {
            node.restart();
        }

        @Override
        public void close() {
            node.close();
        }
    }

    /** {@code bin/start-kraft --nodes 3}: replication factor 3, min ISR 2. */
    record ThreeNodes(KraftTestCluster cluster) implements Brokers {
        @Override
        public String bootstrapServers() {
            return cluster.bootstrapServers();
        }

        @Override
        public int size() {
            return KraftTestCluster.SIZE;
        }

        @Override
        public void killHard(int n) {
            cluster.killHard(n);
        }

        @Override
        public void restart(int n) {
            cluster.start(n);
        }

        @Override
        public void close() {
            cluster.close();
        }
    }
}
