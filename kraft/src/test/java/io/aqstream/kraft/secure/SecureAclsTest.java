package io.aqstream.kraft.secure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

/** The table of docs/security.md: each format's topic is written by the producer and read by the consumer. */
class SecureAclsTest {
    private static boolean allows(List<AclBinding> acls, String user, String topic, AclOperation operation) {
        return acls.stream().anyMatch(a -> a.pattern().resourceType() == ResourceType.TOPIC
                && a.pattern().patternType() == PatternType.LITERAL && a.pattern().name().equals(topic)
                && a.entry().principal().equals("User:" + user) && a.entry().operation() == operation);
    }

    @Test
    void everyShippedFormatsTopicIsCoveredAndNothingMore() {
        StringWriter warnings = new StringWriter();
        List<String> topics = SecureAcls.dataTopics(new PrintWriter(warnings, true));
        assertEquals(List.of("air-quality-beijing", "air-quality-data"), topics);
        assertEquals("", warnings.toString());
        List<AclBinding> acls = SecureAcls.all(topics);
        for (String topic : topics) {
            assertTrue(allows(acls, "producer", topic, AclOperation.WRITE), topic);
            assertTrue(allows(acls, "consumer", topic, AclOperation.READ), topic);
            assertTrue(!allows(acls, "producer", topic, AclOperation.READ), "the producer does not read " + topic);
            assertTrue(!allows(acls, "consumer", topic, AclOperation.WRITE), "the consumer does not write " + topic);
        }
        assertEquals(15, acls.size(), "the count docs/security.md gives");
    }
}
