package io.aqstream.admin;

import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.UserException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** The topic and offset look-ups several subcommands share, with user-facing errors for unknown topics. */
final class TopicQueries {
    private TopicQueries() {
    }

    /** Every topic by name, sorted; topics deleted between listing and describing are left out. */
    static Map<String, TopicDescription> describeAll(KafkaConnection kc, boolean includeInternal) {
        Set<String> names = kc.get(kc.admin().listTopics(new ListTopicsOptions().listInternal(includeInternal)).names(),
                "listing topics");
        Map<String, KafkaFuture<TopicDescription>> futures = kc.admin().describeTopics(names).topicNameValues();
        Map<String, TopicDescription> result = new TreeMap<>();
        for (Map.Entry<String, KafkaFuture<TopicDescription>> e : futures.entrySet()) {
            try {
                result.put(e.getKey(), kc.get(e.getValue(), "describing topic " + e.getKey()));
            } catch (UserException ex) {
                if (!(ex.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw ex;
                }
            }
        }
        return result;
    }

    /** One topic, or a usage error that lists the topics there are. */
    static TopicDescription require(KafkaConnection kc, String topic) {
        try {
            return kc.get(kc.admin().describeTopics(List.of(topic)).topicNameValues().get(topic), "describing topic " + topic);
        } catch (UserException e) {
            if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                throw e;
            }
            Set<String> names = new TreeSet<>(kc.get(kc.admin().listTopics().names(), "listing topics"));
            throw new UserException(ExitCodes.USAGE, "topic '" + topic + "' does not exist on " + kc.bootstrap()
                    + ". Topics there: " + (names.isEmpty() ? "none" : String.join(", ", names)) + ".");
        }
    }

    static List<TopicPartition> partitions(TopicDescription topic) {
        return topic.partitions().stream().map(p -> new TopicPartition(topic.name(), p.partition()))
                .collect(Collectors.toList());
    }

    /**
     * Offsets of the given kind for each partition. {@code read_committed} end offsets stop at the last
     * stable offset: what a read_committed consumer such as bin/consume can reach.
     */
    static Map<TopicPartition, Long> offsets(KafkaConnection kc, Collection<TopicPartition> partitions, OffsetSpec spec,
                                             IsolationLevel isolation) {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> request = partitions.stream()
                .collect(Collectors.toMap(Function.identity(), tp -> spec));
        Map<TopicPartition, ListOffsetsResultInfo> result = kc.get(
                kc.admin().listOffsets(request, new ListOffsetsOptions(isolation)).all(), "listing offsets");
        Map<TopicPartition, Long> offsets = new TreeMap<>(TopicQueries::compare);
        result.forEach((tp, info) -> offsets.put(tp, info.offset()));
        return offsets;
    }

    static int compare(TopicPartition a, TopicPartition b) {
        int byTopic = a.topic().compareTo(b.topic());
        return byTopic != 0 ? byTopic : Integer.compare(a.partition(), b.partition());
    }
}
