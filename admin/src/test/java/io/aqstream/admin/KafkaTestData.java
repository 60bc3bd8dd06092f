package io.aqstream.admin;

import io.aqstream.testkit.KraftTestNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Real clients against the test node: topics, transactional writes, group consumers, and waiting for a state. */
final class KafkaTestData {
    private KafkaTestData() {
    }

    static Admin admin(KraftTestNode node) {
        return Admin.create(node.clientProperties());
    }

    static void createTopic(KraftTestNode node, String topic, int partitions) throws Exception {
        try (Admin admin = admin(node)) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        }
        // Metadata reaches the broker shortly after the controller commits it.
        await(() -> {
            try (Admin admin = admin(node)) {
                return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                        .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
            } catch (Exception e) {
                return false;
            }
        }, "topic " + topic + " to have leaders");
    }

    static KafkaProducer<byte[], byte[]> transactionalProducer(KraftTestNode node, String transactionalId) {
        Properties props = node.clientProperties();
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props);
        producer.initTransactions();
        return producer;
    }

    /**
     * Writes the records in one committed transaction, and returns once read_committed readers can see
     * them: the commit returns before the coordinator has written the markers that move the last stable offset.
     */
    static void commitTransaction(KraftTestNode node, String transactionalId, List<ProducerRecord<byte[], byte[]>> records) {
        endTransaction(node, transactionalId, records, true);
    }

    /** Writes the records in a transaction that is then aborted: read_committed readers must never see them. */
    static void abortTransaction(KraftTestNode node, String transactionalId, List<ProducerRecord<byte[], byte[]>> records) {
        endTransaction(node, transactionalId, records, false);
    }

    private static void endTransaction(KraftTestNode node, String transactionalId, List<ProducerRecord<byte[], byte[]>> records,
                                       boolean commit) {
        Map<TopicPartition, Long> last = new HashMap<>();
        try (KafkaProducer<byte[], byte[]> producer = transactionalProducer(node, transactionalId)) {
            producer.beginTransaction();
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            records.forEach(r -> sent.add(producer.send(r)));
            producer.flush();
            for (Future<RecordMetadata> f : sent) {
                RecordMetadata m = f.get();
                last.merge(new TopicPartition(m.topic(), m.partition()), m.offset(), Math::max);
            }
            if (commit) {
                producer.commitTransaction();
            } else {
                producer.abortTransaction();
            }
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError(e);
        }
        await(() -> {
            try (Admin admin = admin(node)) {
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                last.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> stable = admin.listOffsets(latest,
                        new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
                return last.entrySet().stream().allMatch(e -> stable.get(e.getKey()).offset() > e.getValue());
            } catch (Exception e) {
                return false;
            }
        }, "the transaction markers of " + transactionalId);
    }

    static KafkaConsumer<byte[], byte[]> groupConsumer(KraftTestNode node, String group) {
        Properties props = node.clientProperties();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return new KafkaConsumer<>(props);
    }

    static ProducerRecord<byte[], byte[]> record(String topic, int partition, Instant timestamp, String key, byte[] value,
                                                 Map<String, String> headers) {
        ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(topic, partition, timestamp.toEpochMilli(),
                key == null ? null : key.getBytes(java.nio.charset.StandardCharsets.UTF_8), value);
        headers.forEach((k, v) -> r.headers().add(k, v.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return r;
    }

    /**
     * Waits until a condition holds, for things Kafka does asynchronously (a topic deletion reaching the
     * broker, a member joining). A generous bound turns "never" into a failure; nothing is asserted on time.
     */
    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting for " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }
}
