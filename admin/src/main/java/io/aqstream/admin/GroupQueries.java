package io.aqstream.admin;

import io.aqstream.common.ConsumerGroups;
import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.UserException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/** Consumer-group look-ups shared by groups, lag and reset-offsets. */
final class GroupQueries {
    /**
     * The group bin/consume commits its progress under. Defined here rather than taken from the consumer
     * module so that aq-admin does not pull the consumer onto its classpath; the consumer's tests
     * should keep the two equal.
     */

    private GroupQueries() {
    }

    static Collection<GroupListing> list(KafkaConnection kc) {
        return kc.get(kc.admin().listGroups(ListGroupsOptions.forConsumerGroups()).all(), "listing consumer groups");
    }

    /** The group's description, or empty when the coordinator does not know it (never used, or deleted). */
    static Optional<ConsumerGroupDescription> describe(KafkaConnection kc, String group) {
        try {
            ConsumerGroupDescription d = kc.get(kc.admin().describeConsumerGroups(List.of(group)).describedGroups().get(group),
                    "describing consumer group " + group);
            return d.groupState() == GroupState.DEAD ? Optional.empty() : Optional.of(d);
        } catch (UserException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Committed offsets of the group, sorted by topic and partition; partitions without a commit are absent. */
    static Map<TopicPartition, Long> committed(KafkaConnection kc, String group) {
        Map<TopicPartition, OffsetAndMetadata> offsets;
        try {
            offsets = kc.get(kc.admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata(),
                    "reading the committed offsets of group " + group);
        } catch (UserException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return Map.of();
            }
            throw e;
        }
        Map<TopicPartition, Long> result = new TreeMap<>(TopicQueries::compare);
        offsets.forEach((tp, om) -> {
            if (om != null) {
                result.put(tp, om.offset());
            }
        });
        return result;
    }

    /** A usage error for a group that does not exist, listing the ones that do. */
    static UserException unknownGroup(KafkaConnection kc, String group) {
        List<String> groups = list(kc).stream().map(GroupListing::groupId).sorted().collect(Collectors.toList());
        String hint = ConsumerGroups.PARQUET.equals(group)
                ? " bin/consume creates it on its first commit: start bin/consume, or name another group with --group."
                : " Name one with --group.";
        return new UserException(ExitCodes.USAGE, "consumer group '" + group + "' does not exist on " + kc.bootstrap()
                + " (no members, no committed offsets). Groups there: " + (groups.isEmpty() ? "none" : String.join(", ", groups))
                + "." + hint);
    }

    static String state(ConsumerGroupDescription d) {
        return d.groupState() == null ? "Unknown" : d.groupState().toString();
    }
}
