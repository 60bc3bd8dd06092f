package io.aqstream.admin;

import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.KafkaClientOptions;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.TopicDescription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** One line per topic: name, partitions, replication factor. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the topics with their partition count and replication factor.",
        modelTransformer = ExitCodeHelp.class)
public final class TopicsListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    KafkaClientOptions kafka = new KafkaClientOptions();
    @Mixin
    TimeoutOption timeout = new TimeoutOption();

    @Option(names = "--internal", description = "Include Kafka's internal topics (__consumer_offsets, __transaction_state).")
    boolean internal;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (KafkaConnection kc = new KafkaConnection(kafka, timeout, spec.commandLine().getErr())) {
            Map<String, TopicDescription> topics = TopicQueries.describeAll(kc, internal);
            if (topics.isEmpty()) {
                out.println("no topics on " + kc.bootstrap() + " (bin/start-kraft creates the pipeline's topics)");
                return ExitCodes.OK;
            }
            Table table = new Table("TOPIC", "PARTITIONS", "REPLICATION");
            for (TopicDescription t : topics.values()) {
                int replication = t.partitions().isEmpty() ? 0 : t.partitions().get(0).replicas().size();
                table.row(t.name(), t.partitions().size(), replication);
            }
            table.print(out);
        }
        return ExitCodes.OK;
    }
}
