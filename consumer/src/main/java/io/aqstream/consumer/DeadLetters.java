package io.aqstream.consumer;

import io.aqstream.common.MessageHeaders;
import io.aqstream.common.Topics;
import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.UserException;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends messages that break the JSON contract to the dead-letter topic, raw, with headers saying why,
 * where and by whom they were rejected, plus the original headers (source file and line, if any).
 *
 * <p>Consistency with the files: {@link #flush()} runs before any file or commit accounts for the
 * rejected offsets (see {@code ParquetSink}), so a rejected message is never lost. It can be sent twice:
 * if the consumer stops or crashes after the send but before a file accounts for its offset, the next
 * run reads it again and sends it again (at-least-once). {@code aq.error.origin} (topic-partition@offset)
 * identifies duplicates.
 *
 * <p>The producer is created at the first rejected message: a clean stream costs no connection.
 */
final class DeadLetters implements AutoCloseable {
    private final Properties clientProperties;
    private final String topic;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private KafkaProducer<byte[], byte[]> producer;
    private long sent;

    DeadLetters(Properties clientProperties, String topic) {
        this.clientProperties = clientProperties;
        this.topic = topic;
    }

    static DeadLetters forData(Properties clientProperties) {
        return new DeadLetters(clientProperties, Topics.DEAD_LETTER);
    }

    void send(ConsumerRecord<byte[], byte[]> rejected, String reason) {
        RecordHeaders headers = new RecordHeaders();
        for (Header h : rejected.headers()) {
            headers.add(h);
        }
        headers.add(MessageHeaders.ERROR_REASON, MessageHeaders.utf8(reason));
        headers.add(MessageHeaders.ERROR_STAGE, MessageHeaders.utf8("consumer"));
        headers.add(MessageHeaders.ERROR_ORIGIN, MessageHeaders.utf8(
                rejected.topic() + "-" + rejected.partition() + "@" + rejected.offset()));
        producer().send(new ProducerRecord<>(topic, null, rejected.key(), rejected.value(), headers),
                (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
        sent++;
    }

    /** Waits until every send is acknowledged; fails if any was not, so no offset moves past it. */
    void flush() {
        if (producer != null) {
            producer.flush();
        }
        Exception e = failure.get();
        if (e != null) {
            throw new UserException(ExitCodes.KAFKA_UNAVAILABLE, "could not send a rejected message to the"
                    + " dead-letter topic " + topic + ": " + e.getMessage() + ". Nothing after it was committed;"
                    + " check that the topic exists and is writable, then rerun.", e);
        }
    }

    long sent() {
        return sent;
    }

    private KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            Properties p = new Properties();
            p.putAll(clientProperties);
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            p.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "aq-consume-dlq");
            producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close();
        }
    }
}
