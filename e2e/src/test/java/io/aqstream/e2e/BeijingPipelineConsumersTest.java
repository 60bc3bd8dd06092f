package io.aqstream.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqstream.common.ConsumerGroups;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * bin/pipeline --file on the 12 real Beijing station files (the run shared with {@link BeijingReportNumbersTest}):
 * the topic air-quality-beijing has 4 partitions (conf/topics.conf), all holding rows, and the pipeline runs one
 * consumer per partition in one group; between them the group reads every partition to its end and writes every
 * row once. Checked from outside the consumers' own code: the Kafka client's group-join lines per process, the
 * group's committed offsets (Kafka's Admin) and the Parquet (DuckDB).
 */
@ExtendWith(RealFilePipeline.BeijingResolver.class)
class BeijingPipelineConsumersTest {
    private static final String TOPIC = "air-quality-beijing";
    private static final int PARTITIONS = 4;
    private static final long ROWS = 420_768;
    static RealFilePipeline run;

    @BeforeAll
    static void pipeline(RealFilePipeline.Beijing beijing) {
        run = beijing.run();
        run.assertSucceeded();
    }

    @Test
    void fourConsumerProcessesJoinedTheGroupAndWroteEveryRowOnce() throws Exception {
        assertTrue(run.stderr().contains("pipeline: consuming " + TOPIC + " with 4 consumers in one group, one per"
                + " partition holding rows (4 of 4)"), run.stderr());
        // Each consumer process prints its own totals on the pipeline's stdout.
        Matcher m = Pattern.compile("rows written:\\s+(\\d+)").matcher(run.stdout());
        long total = 0;
        int processes = 0;
        int withRows = 0;
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            total += n;
            processes++;
            withRows += n > 0 ? 1 : 0;
        }
        assertEquals(PARTITIONS + 1, processes, "one per partition, then the sweep of one: " + run.stdout());
        assertTrue(withRows >= 1, run.stdout());
        // Four processes joined the one group together, then the sweep joined it alone (the Kafka client's own
        // line, with each process's pid in the log pattern). How the rows split between them depends on when each JVM joined: on a loaded machine one
        // member may read every partition before the others get theirs (seen: 3,600 rows, one member wrote all).
        Matcher joined = Pattern.compile("\\[(\\d+) group=" + ConsumerGroups.PARQUET + "\\].*Successfully joined group")
                .matcher(Files.readString(run.logs().resolve("consumer.log")));
        java.util.Set<String> members = new java.util.TreeSet<>();
        while (joined.find()) {
            members.add(joined.group(1));
        }
        assertEquals(PARTITIONS + 1, members.size(), "consumer processes that joined the group (one per partition,"
                + " then the sweep): " + members);
        assertEquals(ROWS, total, "the consumers' rows add up to every row once: " + run.stdout());
    }

    @Test
    void theGroupCommittedEveryPartitionToItsEnd() throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, run.node().bootstrapServers());
        try (Admin admin = Admin.create(p)) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(ConsumerGroups.PARQUET)
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int i = 0; i < PARTITIONS; i++) {
                latest.put(new TopicPartition(TOPIC, i), OffsetSpec.latest());
            }
            var ends = admin.listOffsets(latest).all().get();
            assertEquals(PARTITIONS, admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC)
                    .partitions().size());
            Map<Integer, long[]> parquet = lastRowAndStations();
            for (TopicPartition tp : latest.keySet()) {
                assertTrue(ends.get(tp).offset() > 0, tp + " holds rows");
                // A partition ends with commit markers, at most one per station (its last transaction's), which are
                // not rows: the group's offset is past the partition's last row in the Parquet, and at most that
                // many markers short of the end.
                long end = ends.get(tp).offset();
                long at = committed.get(tp).offset();
                long[] rows = parquet.get(tp.partition());
                assertTrue(at > rows[0] && at <= end && end - at <= rows[1], tp + ": committed " + at + ", last row in"
                        + " the Parquet at " + rows[0] + ", " + rows[1] + " stations, end " + end);
            }
        }
    }

    /** Per partition, from the Parquet (DuckDB): the highest Kafka offset of a row, and how many stations. */
    private static Map<Integer, long[]> lastRowAndStations() throws Exception {
        Map<Integer, long[]> last = new HashMap<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT kafka_partition, max(kafka_offset), count(DISTINCT station)"
                     + " FROM read_parquet('" + run.output().resolve(TOPIC) + "/*.parquet') GROUP BY kafka_partition")) {
            while (rs.next()) {
                last.put(rs.getInt(1), new long[] {rs.getLong(2), rs.getLong(3)});
            }
        }
        return last;
    }

    @Test
    void everyRowOnceEveryPartitionInTheParquet() throws Exception {
        String parquet = "read_parquet('" + run.output().resolve(TOPIC) + "/*.parquet')";
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
            assertEquals(ROWS, BeijingDuckDbTest.one(st, "SELECT count(*) FROM " + parquet));
            assertEquals(ROWS, BeijingDuckDbTest.one(st, "SELECT count(DISTINCT (kafka_partition, kafka_offset)) FROM " + parquet));
            assertEquals(ROWS, BeijingDuckDbTest.one(st, "SELECT count(DISTINCT (station, timestamp)) FROM " + parquet));
            assertEquals((long) PARTITIONS, BeijingDuckDbTest.one(st, "SELECT count(DISTINCT kafka_partition) FROM " + parquet));
            assertEquals(12L, BeijingDuckDbTest.one(st, "SELECT count(DISTINCT station) FROM " + parquet));
            assertEquals(0L, BeijingDuckDbTest.one(st, "SELECT count(*) FROM (SELECT station FROM " + parquet
                    + " GROUP BY station HAVING count(DISTINCT kafka_partition) > 1)"), "a station's rows in one partition");
        }
    }

    @Test
    void theSummaryIsInTheBeijingFormatsColumnsAndUnits() {
        String out = run.stdout();
        assertTrue(out.contains("format: beijing"), out);
        assertTrue(out.matches("(?s).*\\npm2_5 +PM2\\.5 +ug/m\\^3 .*"), out);
        assertTrue(out.matches("(?s).*\\nwd +wd +compass point +\\d+ .*"), out);
        assertTrue(out.contains("duplicates: none on (kafka_partition, kafka_offset); none on (station, timestamp)"), out);
        assertTrue(out.contains("420,768 rows in "), out);
    }
}
