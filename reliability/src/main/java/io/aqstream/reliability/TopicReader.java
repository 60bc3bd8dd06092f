package io.aqstream.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a whole topic as a read_committed application would, with a bare KafkaConsumer (no group, no
 * commits) and Jackson's tree model: none of the pipeline's own decoding.
 */
final class TopicReader {
    /** Guards against a hang only: a read_committed reader that cannot reach the end says so instead. */
    private static final Duration GUARD = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What was read, and whether an open transaction held read_committed readers back. */
    record Result(List<Row> rows, long undecodable, Map<TopicPartition, Long> heldBack) {
    }

    private TopicReader() {
    }

    static Result readCommitted(String bootstrapServers, String topic) {
        Map<TopicPartition, Long> lastStable;
        Map<TopicPartition, Long> highWatermark;
        List<TopicPartition> partitions = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer(bootstrapServers, "read_committed")) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            lastStable = consumer.endOffsets(partitions);
        }
        try (KafkaConsumer<String, String> uncommitted = consumer(bootstrapServers, "read_uncommitted")) {
            highWatermark = uncommitted.endOffsets(partitions);
        }
        Map<TopicPartition, Long> heldBack = new HashMap<>();
        for (TopicPartition tp : partitions) {
            if (lastStable.get(tp) < highWatermark.get(tp)) {
                // Records after the last stable offset belong to a transaction that is still open.
                heldBack.put(tp, highWatermark.get(tp) - lastStable.get(tp));
            }
        }
        List<Row> rows = new ArrayList<>();
        long undecodable = 0;
        try (KafkaConsumer<String, String> consumer = consumer(bootstrapServers, "read_committed")) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + GUARD.toNanos();
            while (!reachedEnd(consumer, partitions, lastStable)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + topic + " did not reach its end offsets " + lastStable);
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    Row row = decode(r);
                    if (row == null) {
                        undecodable++;
                    } else {
                        rows.add(row);
                    }
                }
            }
        }
        return new Result(rows, undecodable, heldBack);
    }

    private static boolean reachedEnd(KafkaConsumer<?, ?> consumer, List<TopicPartition> partitions,
            Map<TopicPartition, Long> end) {
        for (TopicPartition tp : partitions) {
            if (consumer.position(tp) < end.get(tp)) {
                return false;
            }
        }
        return true;
    }

    private static Row decode(ConsumerRecord<String, String> r) {
        try {
            JsonNode value = JSON.readTree(r.value());
            Double[] values = new Double[Columns.MEASUREMENTS.size()];
            for (int i = 0; i < values.length; i++) {
                JsonNode v = value.get(Columns.MEASUREMENTS.get(i));
                values[i] = v == null || v.isNull() ? null : v.doubleValue();
            }
            String station = value.get("station").asText();
            if (!station.equals(r.key())) {
                return null; // the contract says the key is the station
            }
            return new Row(station, LocalDateTime.parse(value.get("timestamp").asText()), values, r.partition(),
                    r.offset());
        } catch (Exception e) {
            return null;
        }
    }

    private static KafkaConsumer<String, String> consumer(String bootstrapServers, String isolation) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }
}
