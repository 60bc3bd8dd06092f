package io.aqstream.kraft;

import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.UserException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Waits until every broker of the cluster is registered and unfenced (the controller lists it to
 * clients): only then can topics with replication factor 3 be created. Each node's own "ready" says
 * only that it joined the quorum and its broker started.
 */
final class ClusterBrokers {
    /** Guards against a node that never registers; registration follows a node's start within seconds. */
    private static final Duration WAIT = Duration.ofMinutes(2);

    private ClusterBrokers() {
    }

    /** @param clientSecurity the profile's admin client settings (TLS and login with --secure) */
    static void awaitRegistered(String bootstrapServers, Properties clientSecurity, int expected) throws InterruptedException {
        Properties props = new Properties();
        props.putAll(clientSecurity);
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "aq-kraft-cluster");
        long deadline = System.nanoTime() + WAIT.toNanos();
        int seen = 0;
        try (Admin admin = Admin.create(props)) {
            while (System.nanoTime() < deadline) {
                try {
                    seen = admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).size();
                    if (seen >= expected) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    // not answering yet: ask again
                }
                Thread.sleep(100);
            }
        }
        throw new UserException(ExitCodes.KAFKA_UNAVAILABLE, "the cluster's nodes started, but only " + seen + " of "
                + expected + " brokers registered within " + WAIT.toSeconds() + " s. See logs/node1/server.log"
                + " (and node2, node3); stop them with bin/stop-kraft and start again.");
    }
}
