package io.aqstream.admin;

import io.aqstream.common.ConsumerGroups;
import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.KafkaClientOptions;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The consumer groups with their state and member count. */
@Command(name = "groups", mixinStandardHelpOptions = true,
        description = {"List the consumer groups with their state and number of members.",
            "State Stable: members are consuming; Empty: offsets kept, nobody consuming."},
        modelTransformer = ExitCodeHelp.class)
public final class GroupsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    KafkaClientOptions kafka = new KafkaClientOptions();
    @Mixin
    TimeoutOption timeout = new TimeoutOption();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (KafkaConnection kc = new KafkaConnection(kafka, timeout, spec.commandLine().getErr())) {
            List<GroupListing> groups = GroupQueries.list(kc).stream()
                    .sorted(Comparator.comparing(GroupListing::groupId)).collect(Collectors.toList());
            if (groups.isEmpty()) {
                out.println("no consumer groups on " + kc.bootstrap() + " (bin/consume creates "
                        + ConsumerGroups.PARQUET + ")");
                return ExitCodes.OK;
            }
            Map<String, ConsumerGroupDescription> described = kc.get(kc.admin().describeConsumerGroups(
                    groups.stream().map(GroupListing::groupId).collect(Collectors.toList())).all(), "describing consumer groups");
            Table table = new Table("GROUP", "TYPE", "STATE", "MEMBERS");
            for (GroupListing g : groups) {
                ConsumerGroupDescription d = described.get(g.groupId());
                table.row(g.groupId(), g.type().map(Object::toString).orElse("?"),
                        d != null ? GroupQueries.state(d) : g.groupState().map(Object::toString).orElse("?"),
                        d != null ? d.members().size() : "?");
            }
            table.print(out);
        }
        return ExitCodes.OK;
    }
}
