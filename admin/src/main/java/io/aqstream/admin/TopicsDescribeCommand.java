package io.aqstream.admin;

import io.aqstream.common.cli.Plural;
import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.KafkaClientOptions;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Partitions (leader, replicas, ISR, offsets) and the settings that differ from Kafka's defaults. */
@Command(name = "describe", mixinStandardHelpOptions = true,
        description = {"Describe a topic's partitions and settings (all non-internal topics without TOPIC).",
            "Per partition: leader, replicas, in-sync replicas, first and end offsets. Then the settings that differ"
                    + " from Kafka's defaults, with where each comes from (set on the topic, or the broker's configuration)."},
        modelTransformer = ExitCodeHelp.class)
public final class TopicsDescribeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    KafkaClientOptions kafka = new KafkaClientOptions();
    @Mixin
    TimeoutOption timeout = new TimeoutOption();

    @Parameters(arity = "0..1", paramLabel = "TOPIC", description = "The topic; all non-internal topics when omitted.")
    String topic;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (KafkaConnection kc = new KafkaConnection(kafka, timeout, spec.commandLine().getErr())) {
            Collection<TopicDescription> topics = topic != null
                    ? List.of(TopicQueries.require(kc, topic))
                    : TopicQueries.describeAll(kc, false).values();
            boolean first = true;
            for (TopicDescription t : topics) {
                if (!first) {
                    out.println();
                }
                first = false;
                describe(kc, t, out);
            }
        }
        return ExitCodes.OK;
    }

    private static void describe(KafkaConnection kc, TopicDescription t, PrintWriter out) {
        List<TopicPartition> partitions = TopicQueries.partitions(t);
        Map<TopicPartition, Long> first = TopicQueries.offsets(kc, partitions, OffsetSpec.earliest(), IsolationLevel.READ_UNCOMMITTED);
        Map<TopicPartition, Long> end = TopicQueries.offsets(kc, partitions, OffsetSpec.latest(), IsolationLevel.READ_UNCOMMITTED);
        int replication = t.partitions().isEmpty() ? 0 : t.partitions().get(0).replicas().size();
        out.println("topic " + t.name() + "  (id " + t.topicId() + ")  " + Plural.count(t.partitions().size(), "partition")
                + ", replication factor "
                + replication + (t.isInternal() ? ", internal" : ""));
        Table table = new Table("PARTITION", "LEADER", "REPLICAS", "ISR", "FIRST OFFSET", "END OFFSET");
        for (TopicPartitionInfo p : t.partitions()) {
            TopicPartition tp = new TopicPartition(t.name(), p.partition());
            table.row(p.partition(), p.leader() == null || p.leader().isEmpty() ? "none" : p.leader().id(), ids(p.replicas()),
                    ids(p.isr()), first.get(tp), end.get(tp));
        }
        table.print(out, "  ");
        List<String> settings = nonDefaultSettings(kc, t.name());
        out.println("  settings that differ from Kafka's defaults:" + (settings.isEmpty() ? " none" : ""));
        settings.forEach(s -> out.println("    " + s));
    }

    private static List<String> nonDefaultSettings(KafkaConnection kc, String topic) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        // Synonyms carry Kafka's default value, so a setting spelled out with its default value is left out.
        Map<ConfigResource, Config> configs = kc.get(kc.admin().describeConfigs(List.of(resource),
                new DescribeConfigsOptions().includeSynonyms(true)).all(), "reading the settings of topic " + topic);
        List<String> lines = new ArrayList<>();
        for (ConfigEntry e : configs.get(resource).entries()) {
            if (e.source() == ConfigEntry.ConfigSource.DEFAULT_CONFIG || e.source() == ConfigEntry.ConfigSource.UNKNOWN
                    || Objects.equals(e.value(), defaultValue(e))) {
                continue;
            }
            String origin = e.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG ? "set on the topic" : "from the broker";
            lines.add(e.name() + "=" + (e.isSensitive() ? "(hidden)" : e.value()) + "  (" + origin + ")");
        }
        lines.sort(null);
        return lines;
    }

    /** Kafka's own default for the setting, or a marker that never equals a value when it is not known. */
    private static Object defaultValue(ConfigEntry e) {
        return e.synonyms().stream().filter(syn -> syn.source() == ConfigEntry.ConfigSource.DEFAULT_CONFIG)
                .map(ConfigEntry.ConfigSynonym::value).findFirst().map(v -> (Object) v).orElse(new Object());
    }

    private static String ids(List<Node> nodes) {
        return nodes.stream().map(n -> String.valueOf(n.id())).collect(Collectors.joining(","));
    }
}
