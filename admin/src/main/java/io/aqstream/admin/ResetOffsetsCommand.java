package io.aqstream.admin;

import io.aqstream.common.cli.Plural;
import io.aqstream.common.ConsumerGroups;
import io.aqstream.common.Topics;
import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.KafkaClientOptions;
import io.aqstream.common.cli.UserException;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Moves a consumer group's committed offsets, like kafka-consumer-groups --reset-offsets: a dry run
 * unless --execute, and only while nobody in the group is consuming (the group would overwrite the
 * new offsets with its own next commit).
 */
@Command(name = "reset-offsets", mixinStandardHelpOptions = true,
        description = {"Move a consumer group's committed offsets (dry run unless --execute).",
            "Targets: the earliest offset, the latest (last stable) offset, or the first offset at or after a time."
                    + " Refuses while the group has active members: stop bin/consume first."},
        footer = {"%nNote: bin/consume takes its position from the files in processed_data/ (the files are the truth),"
                + " not from the group's offsets. Resetting the group makes it consume again only after those files are"
                + " moved away; the group's offsets mainly drive 'bin/aq-admin lag'."},
        modelTransformer = ExitCodeHelp.class)
public final class ResetOffsetsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    KafkaClientOptions kafka = new KafkaClientOptions();
    @Mixin
    TimeoutOption timeout = new TimeoutOption();

    @Option(names = "--group", paramLabel = "ID", required = true, description = "Consumer group whose offsets to reset,"
            + " e.g. " + ConsumerGroups.PARQUET + " (bin/consume).")
    String group;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Option(names = "--topic", paramLabel = "TOPIC", description = "Only this topic. Default: every topic the group"
            + " has offsets for, or " + Topics.DATA + " for a group without offsets.")
    String topic;

    @Option(names = "--execute", description = "Apply the change. Without it, only print what would change.")
    boolean execute;

    /** Exactly one of the three targets. */
    static final class Target {
        @Option(names = "--to-earliest", required = true, description = "The first offset still in the topic.")
        boolean earliest;
        @Option(names = "--to-latest", required = true, description = "The end (last stable offset): skip everything there is.")
        boolean latest;
        @Option(names = "--to-datetime", required = true, paramLabel = "ISO",
                description = "The first record written at or after this time (record timestamp), e.g. 2026-11-23T14:30:00"
                        + " (this machine's time zone) or 2026-11-23T13:30:00Z.")
        String datetime;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        OffsetSpec offsetSpec = offsetSpec();
        try (KafkaConnection kc = new KafkaConnection(kafka, timeout, spec.commandLine().getErr())) {
            Optional<ConsumerGroupDescription> description = GroupQueries.describe(kc, group);
            description.ifPresent(this::refuseIfActive);
            Map<TopicPartition, Long> committed = GroupQueries.committed(kc, group);
            List<TopicPartition> partitions = new ArrayList<>();
            for (String t : topics(committed)) {
                partitions.addAll(TopicQueries.partitions(TopicQueries.require(kc, t)));
            }
            Map<TopicPartition, Long> targets = TopicQueries.offsets(kc, partitions, offsetSpec, IsolationLevel.READ_COMMITTED);
            if (datetimeRequested()) {
                // No record at or after the time: like Kafka's tool, go to the end.
                Map<TopicPartition, Long> end = TopicQueries.offsets(kc, partitions, OffsetSpec.latest(), IsolationLevel.READ_COMMITTED);
                targets.replaceAll((tp, offset) -> offset < 0 ? end.get(tp) : offset);
            }
            Table table = new Table("TOPIC", "PARTITION", "CURRENT", "NEW");
            targets.forEach((tp, offset) -> table.row(tp.topic(), tp.partition(), committed.get(tp), offset));
            out.println("group " + group + ": " + description.map(GroupQueries::state).orElse("no committed offsets yet"));
            table.print(out);
            if (!execute) {
                out.println("dry run: nothing changed. Add --execute to apply.");
                return ExitCodes.OK;
            }
            Map<TopicPartition, OffsetAndMetadata> update = new TreeMap<>(TopicQueries::compare);
            targets.forEach((tp, offset) -> update.put(tp, new OffsetAndMetadata(offset)));
            kc.get(kc.admin().alterConsumerGroupOffsets(group, update).all(), "resetting the offsets of group " + group);
            out.println("done: reset " + Plural.count(update.size(), "partition") + " of group " + group + ".");
        }
        return ExitCodes.OK;
    }

    private OffsetSpec offsetSpec() {
        if (target.earliest) {
            return OffsetSpec.earliest();
        }
        if (target.latest) {
            return OffsetSpec.latest();
        }
        Instant at = DateTimeArgument.parse("--to-datetime", target.datetime, ZoneId.systemDefault());
        return OffsetSpec.forTimestamp(at.toEpochMilli());
    }

    private boolean datetimeRequested() {
        return target.datetime != null;
    }

    private List<String> topics(Map<TopicPartition, Long> committed) {
        if (topic != null) {
            return List.of(topic);
        }
        TreeSet<String> withOffsets = committed.keySet().stream().map(TopicPartition::topic)
                .collect(Collectors.toCollection(TreeSet::new));
        return withOffsets.isEmpty() ? List.of(Topics.DATA) : new ArrayList<>(withOffsets);
    }

    /** New offsets would be overwritten by the members' next commit, and Kafka rejects the change anyway. */
    private void refuseIfActive(ConsumerGroupDescription d) {
        boolean inactive = d.members().isEmpty()
                && (d.groupState() == GroupState.EMPTY || d.groupState() == GroupState.DEAD);
        if (inactive) {
            return;
        }
        String members = d.members().stream().limit(3)
                .map(MemberDescription::clientId).map(c -> c == null || c.isEmpty() ? "?" : c)
                .collect(Collectors.joining(", "));
        throw new UserException(ExitCodes.ENVIRONMENT, "consumer group '" + group + "' is active (" + GroupQueries.state(d)
                + ", " + Plural.count(d.members().size(), "member") + (members.isEmpty() ? "" : ": " + members)
                + "); offsets can only be reset while nobody consumes. Stop bin/consume (Ctrl-C) or the other members"
                + " of the group, then run this again.");
    }
}
