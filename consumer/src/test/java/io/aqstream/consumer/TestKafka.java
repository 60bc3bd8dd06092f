package io.aqstream.consumer;

import io.aqstream.common.AirQualityReading;
import io.aqstream.common.ReadingJson;
import io.aqstream.testkit.KraftTestNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.IntFunction;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Test-side Kafka helpers: own topics per test, a transactional producer of generated rows, group offsets. */
final class TestKafka {
    private TestKafka() {
    }

    static void createTopic(KraftTestNode node, String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(node.clientProperties())) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        }
    }

    /**
     * Produces {@code rows} generated readings in transactions of {@code batch}, keyed by station, row i
     * to partition i % partitions (so every partition gets rows, whatever the key hashes to). Row i is
     * {@link ParquetSinkTest#reading(int)}.
     */
    static void produce(KraftTestNode node, String topic, int from, int rows, int batch) {
        produce(node, topic, from, rows, batch, ParquetSinkTest::reading);
    }

    static void produce(KraftTestNode node, String topic, int from, int rows, int batch,
            IntFunction<AirQualityReading> row) {
        Properties p = node.clientProperties();
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "test-producer-" + topic);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            int partitions = producer.partitionsFor(topic).size();
            producer.initTransactions();
            for (int start = from; start < from + rows; start += batch) {
                producer.beginTransaction();
                for (int i = start; i < Math.min(from + rows, start + batch); i++) {
                    AirQualityReading r = row.apply(i);
                    producer.send(new ProducerRecord<>(topic, i % partitions, r.station().getBytes(), ReadingJson.toJson(r)));
                }
                producer.commitTransaction();
            }
        }
    }

    /** Sends raw values outside any transaction (a program that ignores the contract). */
    static void sendRaw(KraftTestNode node, String topic, byte[] key, byte[]... values) {
        Properties p = node.clientProperties();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (byte[] v : values) {
                producer.send(new ProducerRecord<>(topic, key, v));
            }
            producer.flush();
        }
    }

    static Map<Integer, Long> committed(KraftTestNode node, String group, String topic, int partitions) {
        Properties p = node.clientProperties();
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            java.util.Set<TopicPartition> tps = new java.util.HashSet<>();
            for (int i = 0; i < partitions; i++) {
                tps.add(new TopicPartition(topic, i));
            }
            Map<Integer, Long> result = new HashMap<>();
            Map<TopicPartition, OffsetAndMetadata> offsets = c.committed(tps);
            offsets.forEach((tp, om) -> {
                if (om != null) {
                    result.put(tp.partition(), om.offset());
                }
            });
            return result;
        }
    }
}
