package io.aqstream.admin;

import io.aqstream.common.cli.BrokerProbe;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.common.Node;

/**
 * One health line per node: whether its broker is registered (serving clients) and, for a controller,
 * its place in the quorum and how far its metadata log is behind the leader. The nodes are the voters
 * and the brokers Kafka knows: a node that is down is still a voter, so it shows up as down.
 */
final class NodeChecks {
    private NodeChecks() {
    }

    static List<CheckResult> of(Collection<Node> brokers, Optional<QuorumInfo> quorum) {
        Set<Integer> ids = new TreeSet<>();
        brokers.forEach(b -> ids.add(b.id()));
        quorum.ifPresent(q -> q.voters().forEach(v -> ids.add(v.replicaId())));
        List<CheckResult> results = new ArrayList<>();
        for (int id : ids) {
            Optional<Node> listed = brokers.stream().filter(b -> b.id() == id).findFirst();
            // Listed is not enough: without a controller majority a dead broker stays listed.
            boolean broker = listed.isPresent() && BrokerProbe.accepts(listed.get().host(), listed.get().port());
            Optional<QuorumInfo.ReplicaState> voter = quorum.flatMap(q -> q.voters().stream()
                    .filter(v -> v.replicaId() == id).findFirst());
            String controller = quorum.isEmpty() ? "controller state unknown (the quorum does not answer)"
                    : voter.map(v -> describe(quorum.get(), v)).orElse("not a controller voter");
            String name = "node " + id;
            if (broker) {
                results.add(CheckResult.ok(name, "broker up, " + controller));
            } else {
                results.add(CheckResult.warn(name, "broker down (" + (listed.isPresent() ? "does not accept connections"
                        : "not registered") + "), " + controller,
                        "start it again: bin/start-kraft --node " + id + " (local cluster), or see its server.log"));
            }
        }
        return results;
    }

    private static String describe(QuorumInfo quorum, QuorumInfo.ReplicaState voter) {
        long lag = Math.max(0, quorum.highWatermark() - voter.logEndOffset());
        if (voter.replicaId() == quorum.leaderId()) {
            return "controller leader";
        }
        return "controller follower, lag " + lag + (voter.lastFetchTimestamp().isPresent()
                ? ", last fetch " + Math.max(0, (System.currentTimeMillis() - voter.lastFetchTimestamp().getAsLong()) / 1000)
                        + " s ago" : "");
    }
}
