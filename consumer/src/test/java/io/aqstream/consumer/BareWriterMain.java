package io.aqstream.consumer;

import io.aqstream.common.ReadingJson;
import io.aqstream.consumer.parquet.ParquetContract;
import io.aqstream.consumer.parquet.ParquetRowWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;

/**
 * The benchmark's baseline, run in a fresh JVM like bin/consume so both pay the same JIT warm-up: reads
 * the topic's rows into memory as Avro records (not timed), then times a bare {@link AvroParquetWriter}
 * (same schema, ZSTD, same row group size) writing them to one file: no Kafka, no JSON, no fsync.
 * Args: BOOTSTRAP TOPIC ROWS FILE. Prints {@code bare: N rows/s}.
 */
public final class BareWriterMain {
    private BareWriterMain() {
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String topic = args[1];
        int rows = Integer.parseInt(args[2]);
        Path file = Paths.get(args[3]);
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<GenericRecord> records = new ArrayList<>(rows);
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> tps = new ArrayList<>();
            c.partitionsFor(topic).forEach(i -> tps.add(new TopicPartition(topic, i.partition())));
            c.assign(tps);
            c.seekToBeginning(tps);
            while (records.size() < rows) {
                for (ConsumerRecord<byte[], byte[]> rec : c.poll(Duration.ofMillis(500))) {
                    records.add(ParquetContract.toRecord(ReadingJson.fromJson(rec.value()), rec.partition(), rec.offset()));
                }
            }
        }
        Files.deleteIfExists(file);
        long start = System.nanoTime();
        try (ParquetWriter<GenericRecord> w = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
                .withSchema(ParquetContract.SCHEMA)
                .withConf(new Configuration(false))
                .withWriteMode(ParquetFileWriter.Mode.CREATE)
                .withCompressionCodec(CompressionCodecName.ZSTD)
                .withRowGroupSize(ParquetRowWriter.DEFAULT_ROW_GROUP_BYTES)
                .build()) {
            for (GenericRecord r : records) {
                w.write(r);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "bare: %.0f rows/s%n", records.size() / seconds);
    }
}
