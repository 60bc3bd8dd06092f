package io.aqstream.kraft.secure;

import io.aqstream.common.ConsumerGroups;
import io.aqstream.common.Topics;
import io.aqstream.common.format.FormatProfiles;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The least-privilege ACLs of the secure profile: the one table of what each role may do (docs/security.md
 * shows it). Read, Write, Delete and Alter imply Describe; the {@code admin} role and the broker are super
 * users and need none.
 */
public final class SecureAcls {
    /** Every transactional id of bin/produce starts with this (ReplaySettings#defaultReplayId). */
    public static final String PRODUCER_TRANSACTIONAL_ID_PREFIX = "aq-produce:";
    /** The consumer's groups: bin/consume's own, and any other whose name starts with it. */
    public static final String CONSUMER_GROUP_PREFIX = ConsumerGroups.PARQUET;

    private SecureAcls() {
    }

    /**
     * The data topics: the default topic of every format in conf/formats/ (air-quality-data, air-quality-beijing
     * and any the user added before the first start), so that each data set replays securely as it does in
     * plaintext. Topics.DATA always, even if conf/formats/ cannot be read (the node starts all the same).
     */
    public static List<String> dataTopics(PrintWriter err) {
        SortedSet<String> topics = new TreeSet<>(List.of(Topics.DATA));
        try {
            FormatProfiles.ofProject().all().forEach(f -> topics.add(f.topic()));
        } catch (RuntimeException e) {
            err.println("warning: the secure profile's ACLs cover " + Topics.DATA + " only: conf/formats/ could not"
                    + " be read (" + e.getMessage() + "). Grant other topics as admin (docs/security.md).");
        }
        return List.copyOf(topics);
    }

    /** The whole table, with the producer's and the consumer's rights on each of {@code dataTopics}. */
    public static List<AclBinding> all(List<String> dataTopics) {
        List<AclBinding> acls = new ArrayList<>();
        // producer: writes the data, its dead letters and its checkpoints, reads the checkpoints back
        // (with assign(), no group), and only with its own transactional ids.
        for (String data : dataTopics) {
            allow(acls, "producer", topic(data), AclOperation.WRITE);
        }
        allow(acls, "producer", topic(Topics.DEAD_LETTER), AclOperation.WRITE);
        allow(acls, "producer", topic(Topics.REPLAY_CHECKPOINTS), AclOperation.WRITE);
        allow(acls, "producer", topic(Topics.REPLAY_CHECKPOINTS), AclOperation.READ);
        allow(acls, "producer", new ResourcePattern(ResourceType.TRANSACTIONAL_ID, PRODUCER_TRANSACTIONAL_ID_PREFIX,
                PatternType.PREFIXED), AclOperation.WRITE);
        // consumer: reads the data in its own group(s), writes rejected records to the dead-letter topic.
        for (String data : dataTopics) {
            allow(acls, "consumer", topic(data), AclOperation.READ);
        }
        allow(acls, "consumer", new ResourcePattern(ResourceType.GROUP, CONSUMER_GROUP_PREFIX, PatternType.PREFIXED),
                AclOperation.READ);
        allow(acls, "consumer", topic(Topics.DEAD_LETTER), AclOperation.WRITE);
        // analyst: describes and reads everything (aq-admin topics, lag, tail, dlq), changes nothing.
        ResourcePattern anyTopic = new ResourcePattern(ResourceType.TOPIC, ResourcePattern.WILDCARD_RESOURCE,
                PatternType.LITERAL);
        allow(acls, "analyst", anyTopic, AclOperation.READ);
        allow(acls, "analyst", anyTopic, AclOperation.DESCRIBE_CONFIGS);
        allow(acls, "analyst", new ResourcePattern(ResourceType.GROUP, ResourcePattern.WILDCARD_RESOURCE,
                PatternType.LITERAL), AclOperation.DESCRIBE);
        ResourcePattern cluster = new ResourcePattern(ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL);
        allow(acls, "analyst", cluster, AclOperation.DESCRIBE);
        allow(acls, "analyst", cluster, AclOperation.DESCRIBE_CONFIGS);
        return acls;
    }

    private static ResourcePattern topic(String name) {
        return new ResourcePattern(ResourceType.TOPIC, name, PatternType.LITERAL);
    }

    private static void allow(List<AclBinding> acls, String user, ResourcePattern resource, AclOperation operation) {
        acls.add(new AclBinding(resource, new AccessControlEntry("User:" + user, "*", operation,
                AclPermissionType.ALLOW)));
    }
}
