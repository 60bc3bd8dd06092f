package io.aqstream.admin;

import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.UserException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;

/**
 * {@code tail --follow}: hands on every record committed from given offsets on, as it arrives, until the
 * thread is interrupted (or the JVM ends on Ctrl-C: with no consumer group and no offsets to commit, there
 * is nothing to finish first). read_committed like every reader of the pipeline, so a record shows up once
 * its transaction commits and aborted ones never do. Records of different partitions come in arrival order.
 */
final class TopicFollower implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(500);

    private final KafkaConnection kc;
    private final KafkaConsumer<byte[], byte[]> consumer;

    TopicFollower(KafkaConnection kc) {
        this.kc = kc;
        this.consumer = kc.readCommittedConsumer();
    }

    /** Never returns normally: ends with {@link ExitCodes#INTERRUPTED} when the thread is interrupted. */
    void follow(Map<TopicPartition, Long> from, Consumer<ConsumerRecord<byte[], byte[]>> sink) {
        try {
            consumer.assign(new ArrayList<>(from.keySet()));
            from.forEach(consumer::seek);
            while (!Thread.currentThread().isInterrupted()) {
                consumer.poll(POLL).forEach(sink);
            }
            throw new InterruptException(new InterruptedException());
        } catch (InterruptException e) {
            throw new UserException(ExitCodes.INTERRUPTED, "stopped following " + topic(from) + ".", e);
        } catch (KafkaException e) {
            throw kc.translate(e, "following " + topic(from));
        }
    }

    private static String topic(Map<TopicPartition, Long> from) {
        return from.keySet().stream().findFirst().map(TopicPartition::topic).orElse("the topic");
    }

    @Override
    public void close() {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(2)));
    }
}
