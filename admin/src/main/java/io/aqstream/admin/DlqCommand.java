package io.aqstream.admin;

import io.aqstream.common.cli.Plural;
import io.aqstream.common.Topics;
import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.KafkaClientOptions;
import io.aqstream.common.cli.UserException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The rows the producer or the consumer rejected, with the reason each one carries in its headers. */
@Command(name = "dlq", mixinStandardHelpOptions = true,
        description = {"Print the rejected rows and messages of " + Topics.DEAD_LETTER + ", with their reasons.",
            "For each, oldest first: who rejected it (producer or consumer), where it came from (CSV file, line and"
                    + " column, or topic-partition@offset), the reason, and the rejected content."},
        modelTransformer = ExitCodeHelp.class)
public final class DlqCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    KafkaClientOptions kafka = new KafkaClientOptions();
    @Mixin
    TimeoutOption timeout = new TimeoutOption();

    @Option(names = "--last", paramLabel = "N", defaultValue = "20", description = "Default: ${DEFAULT-VALUE}.")
    int last;

    @Override
    public Integer call() {
        if (last < 1) {
            throw new UserException(ExitCodes.USAGE, "--last " + last + ": give a count of 1 or more.");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (KafkaConnection kc = new KafkaConnection(kafka, timeout, spec.commandLine().getErr())) {
            List<TopicPartition> partitions = TopicQueries.partitions(TopicQueries.require(kc, Topics.DEAD_LETTER));
            List<ConsumerRecord<byte[], byte[]>> records;
            try (TopicReader reader = new TopicReader(kc)) {
                records = reader.last(partitions, last);
            }
            if (records.isEmpty()) {
                out.println("no rejected rows in " + Topics.DEAD_LETTER);
                return ExitCodes.OK;
            }
            Map<TopicPartition, Long> begin = TopicQueries.offsets(kc, partitions, OffsetSpec.earliest(), IsolationLevel.READ_COMMITTED);
            Map<TopicPartition, Long> end = TopicQueries.offsets(kc, partitions, OffsetSpec.latest(), IsolationLevel.READ_COMMITTED);
            long span = partitions.stream().mapToLong(tp -> end.get(tp) - begin.get(tp)).sum();
            out.println("last " + Plural.count(records.size(), "rejected row") + " of " + Topics.DEAD_LETTER
                    + (records.size() < last ? "" : " (the topic spans " + Plural.count(span, "offset")
                    + ", transaction markers included)"));
            records.forEach(r -> out.println(RecordLines.deadLetter(r)));
        }
        return ExitCodes.OK;
    }
}
