package io.aqstream.admin;

import io.aqstream.common.cli.Plural;
import io.aqstream.admin.CheckResult.Status;
import io.aqstream.common.Topics;
import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.KafkaClientOptions;
import io.aqstream.common.cli.UserException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The checklist people otherwise script by hand with kafka-broker-api-versions, kafka-metadata-quorum,
 * kafka-topics --under-replicated-partitions and kafka-log-dirs: one line per check, exit code 6 if
 * any failed.
 */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = {"Check the node and print a checklist; exit 6 when unhealthy, 4 when unreachable.",
            "Checks: node reachable, controller quorum (leader, voters, lag), each node (broker up or down, its"
                    + " place in the quorum), the pipeline's topics, offline, under-min-ISR and under-replicated"
                    + " partitions, free disk of the log dirs.",
            "Unhealthy (exit 6) means the cluster cannot take acks=all writes: no quorum leader, an offline"
                    + " partition, or one with fewer in-sync replicas than its min.insync.replicas. A node down"
                    + " with enough replicas left is a warning."},
        modelTransformer = ExitCodeHelp.class)
public final class HealthCommand implements Callable<Integer> {
    /** The topics the pipeline cannot run without, in the order the data flows. */
    static final List<String> EXPECTED_TOPICS = List.of(Topics.DATA, Topics.DEAD_LETTER, Topics.REPLAY_CHECKPOINTS);

    @Spec
    CommandSpec spec;
    @Mixin
    KafkaClientOptions kafka = new KafkaClientOptions();
    @Mixin
    TimeoutOption timeout = new TimeoutOption();

    @Option(names = "--min-free-disk-mb", paramLabel = "MB", defaultValue = "1024",
            description = "Fail when a log dir has less free space than this. Default: ${DEFAULT-VALUE}.")
    long minFreeDiskMb;

    @Option(names = "--max-quorum-lag", paramLabel = "RECORDS", defaultValue = "1000",
            description = "Warn when a controller voter is this many metadata records behind the leader."
                    + " Default: ${DEFAULT-VALUE}.")
    long maxQuorumLag;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<CheckResult> results = new ArrayList<>();
        try (KafkaConnection kc = new KafkaConnection(kafka, timeout, spec.commandLine().getErr())) {
            out.println("Health of Kafka at " + kc.bootstrap());
            Collection<Node> brokers;
            try {
                DescribeClusterResult cluster = kc.admin().describeCluster(
                        new DescribeClusterOptions().timeoutMs((int) kc.timeout().toMillis()));
                brokers = kc.get(cluster.nodes(), "describing the cluster");
                Node controller = kc.get(cluster.controller(), "describing the cluster");
                String clusterId = kc.get(cluster.clusterId(), "describing the cluster");
                results.add(CheckResult.ok("node reachable", "cluster " + clusterId + ", "
                        + Plural.count(brokers.size(), "broker") + " " + ids(brokers) + ", controller " + (controller == null ? "unknown" : controller.id())));
            } catch (UserException e) {
                print(out, CheckResult.fail("node reachable", "no answer within " + kc.timeout().toSeconds() + " s"));
                throw e;
            }
            Optional<QuorumInfo> quorum = describeQuorum(kc, results);
            results.addAll(NodeChecks.of(brokers, quorum));
            Map<String, TopicDescription> topics = TopicQueries.describeAll(kc, true);
            for (String topic : EXPECTED_TOPICS) {
                results.add(expectedTopic(topic, topics.get(topic)));
            }
            results.add(partitions(topics, MinInsyncReplicas.of(kc, topics.keySet())));
            results.add(disk(kc, brokers));
        }
        results.forEach(r -> print(out, r));
        List<String> failed = results.stream().filter(r -> r.status() == Status.FAIL).map(CheckResult::name)
                .collect(Collectors.toList());
        long warnings = results.stream().filter(r -> r.status() == Status.WARN).count();
        if (failed.isEmpty()) {
            out.println("HEALTHY: " + Plural.count(results.size(), "check") + " passed"
                    + (warnings > 0 ? ", " + warnings + " with warnings" : "") + ".");
            return ExitCodes.OK;
        }
        out.println("UNHEALTHY: " + failed.size() + " of " + Plural.count(results.size(), "check") + " failed ("
                + String.join(", ", failed) + ").");
        return ExitCodes.UNHEALTHY;
    }

    /** Adds the quorum's check to {@code results}; returns the quorum when it could be described. */
    private Optional<QuorumInfo> describeQuorum(KafkaConnection kc, List<CheckResult> results) {
        try {
            QuorumInfo quorum = kc.get(kc.admin().describeMetadataQuorum().quorumInfo(), "describing the controller quorum");
            results.add(quorum(quorum));
            return Optional.of(quorum);
        } catch (UserException e) {
            if (e.getCause() instanceof UnsupportedVersionException) {
                results.add(CheckResult.warn("controller quorum", "this broker cannot describe its quorum (not KRaft, or too old)"));
            } else {
                results.add(CheckResult.fail("controller quorum", e.getMessage(), "a majority of the controllers must"
                        + " run to change anything: start the nodes that are down (bin/start-kraft --node N)"));
            }
            return Optional.empty();
        }
    }

    private CheckResult quorum(QuorumInfo quorum) {
        String name = "controller quorum";
        if (quorum.leaderId() < 0) {
            return CheckResult.fail(name, "no leader elected among voters " + voterIds(quorum),
                    "the controllers cannot agree on a leader: check logs/server.log for the controller listener and"
                            + " controller.quorum.* settings; a single node needs its own controller listener reachable");
        }
        long maxLag = quorum.voters().stream().mapToLong(v -> Math.max(0, quorum.highWatermark() - v.logEndOffset()))
                .max().orElse(0);
        String detail = "leader " + quorum.leaderId() + " (epoch " + quorum.leaderEpoch() + "), voters " + voterIds(quorum)
                + ", high watermark " + quorum.highWatermark() + ", max voter lag " + maxLag;
        if (maxLag > maxQuorumLag) {
            return CheckResult.warn(name, detail, "a controller is falling behind; check its log and its disk");
        }
        return CheckResult.ok(name, detail);
    }

    private static CheckResult expectedTopic(String topic, TopicDescription description) {
        String name = "topic " + topic;
        if (description == null) {
            return CheckResult.fail(name, "missing",
                    "stop the node (bin/stop-kraft) and start it again with bin/start-kraft: it creates the topics of"
                            + " conf/topics.conf that are missing");
        }
        List<TopicPartitionInfo> partitions = description.partitions();
        int replication = partitions.isEmpty() ? 0 : partitions.get(0).replicas().size();
        String leaders = partitions.stream().map(p -> p.leader() == null || p.leader().isEmpty() ? "none"
                : String.valueOf(p.leader().id())).collect(Collectors.joining(","));
        return CheckResult.ok(name, Plural.count(partitions.size(), "partition") + ", replication factor " + replication
                + ", leaders " + leaders);
    }

    private static CheckResult partitions(Map<String, TopicDescription> topics, Map<String, Integer> minIsr) {
        List<String> offline = new ArrayList<>();
        List<String> underMinIsr = new ArrayList<>();
        List<String> underReplicated = new ArrayList<>();
        int count = 0;
        for (TopicDescription topic : topics.values()) {
            for (TopicPartitionInfo p : topic.partitions()) {
                count++;
                String id = topic.name() + "-" + p.partition();
                if (p.leader() == null || p.leader().isEmpty()) {
                    offline.add(id);
                } else if (p.isr().size() < minIsr.getOrDefault(topic.name(), 1)) {
                    underMinIsr.add(id);
                } else if (p.isr().size() < p.replicas().size()) {
                    underReplicated.add(id);
                }
            }
        }
        String detail = Plural.count(count, "partition") + " in " + Plural.count(topics.size(), "topic") + ": "
                + describe(offline, "offline") + ", " + describe(underMinIsr, "under min ISR") + ", "
                + describe(underReplicated, "under-replicated");
        if (!offline.isEmpty()) {
            return CheckResult.fail("partitions", detail, "a partition without a leader cannot be read or written:"
                    + " check that every broker is running and see logs/server.log");
        }
        if (!underMinIsr.isEmpty()) {
            return CheckResult.fail("partitions", detail, "acks=all writes (every transactional producer) are refused"
                    + " with NotEnoughReplicas until enough replicas are back in sync: start the nodes that are down"
                    + " (bin/start-kraft --node N)");
        }
        if (!underReplicated.isEmpty()) {
            // Writes go on with min.insync.replicas copies; one more lost node would stop them.
            return CheckResult.warn("partitions", detail, "a replica is out of sync (a node is down or catching up):"
                    + " writes go on, but start the missing node before another one fails");
        }
        return CheckResult.ok("partitions", detail);
    }

    private CheckResult disk(KafkaConnection kc, Collection<Node> brokers) {
        Map<Integer, Map<String, LogDirDescription>> dirs;
        try {
            dirs = kc.get(kc.admin().describeLogDirs(brokers.stream().map(Node::id).collect(Collectors.toList()))
                    .allDescriptions(), "describing the log dirs");
        } catch (UserException e) {
            // A broker that died while no controller could fence it is still listed, and never answers.
            return CheckResult.warn("disk", "not reported: a listed broker does not answer (" + e.getMessage() + ")");
        }
        Status status = Status.OK;
        List<String> parts = new ArrayList<>();
        List<String> fixes = new ArrayList<>();
        for (Map.Entry<Integer, Map<String, LogDirDescription>> broker : dirs.entrySet()) {
            for (Map.Entry<String, LogDirDescription> dir : broker.getValue().entrySet()) {
                LogDirDescription d = dir.getValue();
                String where = dirs.size() > 1 ? "broker " + broker.getKey() + " " + dir.getKey() : dir.getKey();
                if (d.error() != null) {
                    status = Status.FAIL;
                    parts.add(where + ": offline (" + d.error().getMessage() + ")");
                    fixes.add("the log dir " + dir.getKey() + " failed: check the disk and logs/server.log, then restart the node");
                } else if (d.usableBytes().isPresent() && d.totalBytes().isPresent()) {
                    long usable = d.usableBytes().getAsLong();
                    long total = d.totalBytes().getAsLong();
                    parts.add(String.format(Locale.ROOT, "%s: %s free of %s (%.0f%%)", where, ByteSizes.format(usable),
                            ByteSizes.format(total), total == 0 ? 0.0 : 100.0 * usable / total));
                    if (usable < minFreeDiskMb * 1024 * 1024) {
                        status = Status.FAIL;
                        fixes.add("free space on the disk of " + dir.getKey() + " (below " + minFreeDiskMb
                                + " MB): delete old processed_data/ or logs/, or shorten retention.ms of the topics");
                    } else if (total > 0 && usable * 10 < total) {
                        status = CheckResult.worst(status, Status.WARN);
                        fixes.add("the disk of " + dir.getKey() + " is more than 90% full");
                    }
                } else {
                    status = CheckResult.worst(status, Status.WARN);
                    parts.add(where + ": free space not reported by this broker");
                }
            }
        }
        if (parts.isEmpty()) {
            return CheckResult.warn("disk", "no log dirs reported");
        }
        return new CheckResult(status, "disk", String.join("; ", parts), fixes);
    }

    private static void print(PrintWriter out, CheckResult r) {
        out.printf(Locale.ROOT, "%s %-36s %s%n", r.status().mark(), r.name(), r.detail());
        for (String fix : r.fixes()) {
            out.println("       fix: " + fix);
        }
    }

    private static String describe(List<String> partitions, String what) {
        if (partitions.isEmpty()) {
            return "none " + what;
        }
        List<String> shown = partitions.subList(0, Math.min(5, partitions.size()));
        return partitions.size() + " " + what + " (" + String.join(", ", shown) + (partitions.size() > 5 ? ", ..." : "") + ")";
    }

    private static String ids(Collection<Node> nodes) {
        return nodes.stream().map(n -> String.valueOf(n.id())).sorted().collect(Collectors.joining(",", "[", "]"));
    }

    private static String voterIds(QuorumInfo quorum) {
        return quorum.voters().stream().map(v -> String.valueOf(v.replicaId())).collect(Collectors.joining(",", "[", "]"));
    }
}
