package io.aqstream.launcher;

import io.aqstream.common.cli.KafkaClientOptions;
import io.aqstream.common.cli.KafkaFailures;
import io.aqstream.common.cli.UserException;
import io.aqstream.common.cli.ExitCodes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * How many consumers bin/pipeline runs in its group: one per partition of the topic that holds rows. A
 * partition no station's key hashes to (the UCI file's one station leaves 2 of 3 empty) would only give its
 * consumer JVM nothing to do; Beijing's 12 stations fill all 4 partitions of air-quality-beijing.
 */
final class PartitionsWithRows {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** The topic's partition count and how many of them hold at least one record. */
    record Count(int partitions, int withRows) {
    }

    private PartitionsWithRows() {
    }

    /** @param client the pipeline's --bootstrap-server and --command-config, as the user typed them */
    static Count of(List<String> client, String topic) {
        Properties props = options(client).clientProperties();
        props.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "aq-pipeline-admin");
        String bootstrap = props.getProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
        try (Admin admin = Admin.create(props)) {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic);
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (TopicPartitionInfo p : description.partitions()) {
                earliest.put(new TopicPartition(topic, p.partition()), OffsetSpec.earliest());
                latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest());
            }
            Map<TopicPartition, ListOffsetsResultInfo> start = admin.listOffsets(earliest).all()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, ListOffsetsResultInfo> end = admin.listOffsets(latest).all()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            int withRows = (int) end.entrySet().stream()
                    .filter(e -> e.getValue().offset() > start.get(e.getKey()).offset()).count();
            return new Count(description.partitions().size(), withRows);
        } catch (TimeoutException e) {
            throw KafkaFailures.unreachable(bootstrap, TIMEOUT, "counting the partitions of " + topic,
                    "the rows sent are in Kafka; run bin/consume --topic " + topic + " to write them");
        } catch (ExecutionException e) {
            throw KafkaFailures.translate(e.getCause(), bootstrap, TIMEOUT, "counting the partitions of " + topic,
                    "the rows sent are in Kafka; run bin/consume --topic " + topic + " to write them");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserException(ExitCodes.INTERRUPTED, "interrupted before consuming; the rows sent are in Kafka.", e);
        }
    }

    private static KafkaClientOptions options(List<String> client) {
        String bootstrap = null;
        Path commandConfig = null;
        for (int i = 0; i + 1 < client.size(); i += 2) {
            if (client.get(i).equals("--bootstrap-server")) {
                bootstrap = client.get(i + 1);
            } else if (client.get(i).equals("--command-config")) {
                commandConfig = Path.of(client.get(i + 1));
            }
        }
        return new KafkaClientOptions(bootstrap, commandConfig);
    }
}
