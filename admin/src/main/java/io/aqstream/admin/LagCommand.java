package io.aqstream.admin;

import io.aqstream.common.cli.Plural;
import io.aqstream.common.ConsumerGroups;
import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.KafkaClientOptions;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** How far a consumer group is behind, per partition of every topic it has committed offsets for. */
@Command(name = "lag", mixinStandardHelpOptions = true,
        description = {"Show how far a consumer group is behind, per partition.",
            "Columns: committed offset, end offset, lag = end - committed, and unread = the committed records after"
                    + " the committed offset. The end offset is the last stable offset (what a read_committed consumer"
                    + " can reach), so an open transaction does not count. Offsets include transaction markers, so a"
                    + " consumer that has read everything can show lag 1 but unread 0."},
        modelTransformer = ExitCodeHelp.class)
public final class LagCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    KafkaClientOptions kafka = new KafkaClientOptions();
    @Mixin
    TimeoutOption timeout = new TimeoutOption();

    @Option(names = "--group", paramLabel = "ID", defaultValue = ConsumerGroups.PARQUET,
            description = "Consumer group. Default: ${DEFAULT-VALUE} (the group of bin/consume).")
    String group;

    @Option(names = "--count-limit", paramLabel = "OFFSETS", defaultValue = "200000",
            description = "Count unread records (by reading them) only where the lag is at most this many offsets;"
                    + " beyond it UNREAD shows '-'. Default: ${DEFAULT-VALUE}.")
    long countLimit;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (KafkaConnection kc = new KafkaConnection(kafka, timeout, spec.commandLine().getErr())) {
            Optional<ConsumerGroupDescription> description = GroupQueries.describe(kc, group);
            Map<TopicPartition, Long> committed = GroupQueries.committed(kc, group);
            if (description.isEmpty() && committed.isEmpty()) {
                throw GroupQueries.unknownGroup(kc, group);
            }
            out.println("group " + group + ": " + description.map(d -> GroupQueries.state(d) + ", "
                    + Plural.count(d.members().size(), "member")).orElse("no members"));
            if (committed.isEmpty()) {
                out.println(noCommitsYet(description.map(d -> d.members().size()).orElse(0)));
                return ExitCodes.OK;
            }
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : new TreeSet<>(committed.keySet().stream().map(TopicPartition::topic).toList())) {
                partitions.addAll(TopicQueries.partitions(TopicQueries.require(kc, topic)));
            }
            Map<TopicPartition, Long> end = TopicQueries.offsets(kc, partitions, OffsetSpec.latest(), IsolationLevel.READ_COMMITTED);
            Table table = new Table("TOPIC", "PARTITION", "COMMITTED", "END", "LAG", "UNREAD");
            long totalLag = 0;
            long totalUnread = 0;
            boolean unreadComplete = true;
            try (TopicReader reader = new TopicReader(kc)) {
                for (TopicPartition tp : end.keySet()) {
                    Long offset = committed.get(tp);
                    long endOffset = end.get(tp);
                    Long lag = offset == null ? null : Math.max(0, endOffset - offset);
                    Long unread = lag == null || lag > countLimit ? null : lag == 0 ? 0L : reader.count(tp, offset, endOffset);
                    totalLag += lag == null ? 0 : lag;
                    totalUnread += unread == null ? 0 : unread;
                    unreadComplete &= lag == null || unread != null;
                    table.row(tp.topic(), tp.partition(), offset, endOffset, lag, unread);
                }
            }
            table.print(out);
            out.println("total lag: " + Plural.count(totalLag, "offset") + ", "
                    + Plural.count(totalUnread, "unread record")
                    + (unreadComplete ? "" : " in the partitions counted (raise --count-limit to count all)"));
        }
        return ExitCodes.OK;
    }

    /** "Files still open" and "nothing consumed" look the same in the offsets; the members tell them apart. */
    static String noCommitsYet(int members) {
        if (members == 0) {
            return "no committed offsets: this group has consumed nothing yet (or its offsets expired).";
        }
        return "no committed offsets yet: " + Plural.count(members, "member") + " reading. bin/consume commits a partition"
                + " when it makes a file of it visible (after its --roll-interval, or --idle-flush after the"
                + " partition's last row); until then the rows it read are in files still open.";
    }
}
