package io.aqstream.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqstream.common.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The shared fixture itself: a real node that carries a transaction to a read_committed consumer. */
@WithKraftNode
class KraftTestNodeTest {
    @Test
    void pipelineTopicsExistWithTheDeclaredPartitions(KraftTestNode node) throws Exception {
        try (Admin admin = Admin.create(node.clientProperties())) {
            Map<String, TopicDescription> topics = admin.describeTopics(
                    List.of(Topics.DATA, Topics.DEAD_LETTER, Topics.REPLAY_CHECKPOINTS)).allTopicNames().get();
            assertEquals(3, topics.get(Topics.DATA).partitions().size());
            assertEquals(Set.of(Topics.DATA, Topics.DEAD_LETTER, Topics.REPLAY_CHECKPOINTS), topics.keySet());
        }
    }

    @Test
    void committedTransactionReachesReadCommittedConsumerAndAbortedOneDoesNot(KraftTestNode node) {
        Properties p = node.clientProperties();
        p.put("transactional.id", "kraft-test-node-roundtrip");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(Topics.DATA, 0, "station", "aborted"));
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(Topics.DATA, 0, "station", "committed"));
            producer.commitTransaction();
        }
        Properties c = node.clientProperties();
        c.put("isolation.level", "read_committed");
        c.put("group.id", "kraft-test-node-roundtrip");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition tp = new TopicPartition(Topics.DATA, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            // Poll until the committed record shows up (its commit marker is written just after
            // commitTransaction returns); the deadline only turns a hang into a failure.
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (!values.contains("committed") && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    values.add(r.value());
                }
            }
        }
        assertEquals(List.of("committed"), values);
        assertTrue(node.clusterId().length() > 10);
    }
}
