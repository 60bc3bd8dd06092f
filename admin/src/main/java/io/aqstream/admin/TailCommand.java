package io.aqstream.admin;

import io.aqstream.common.Topics;
import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.KafkaClientOptions;
import io.aqstream.common.cli.UserException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The newest (or oldest) committed records of a topic, one readable line each. */
@Command(name = "tail", mixinStandardHelpOptions = true,
        description = {"Print the last (or first) N committed records of a topic, decoded.",
            "Oldest first, as a read_committed consumer sees them. Records of " + Topics.DATA + " show"
                    + " partition@offset, record time, key, then the reading's time, station and main measurements,"
                    + " and the CSV file:line it came from; other topics show the raw text. Reads without a consumer"
                    + " group: it never moves anyone's offsets.",
            "With --follow it then keeps printing records as they are committed, until Ctrl-C."},
        modelTransformer = ExitCodeHelp.class)
public final class TailCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    KafkaClientOptions kafka = new KafkaClientOptions();
    @Mixin
    TimeoutOption timeout = new TimeoutOption();

    @Option(names = "--topic", paramLabel = "TOPIC", defaultValue = Topics.DATA, description = "Default: ${DEFAULT-VALUE}.")
    String topic;

    @Option(names = {"-f", "--follow"},
            description = "After the N records, keep printing new committed records as they arrive, until Ctrl-C.")
    boolean follow;

    @ArgGroup(exclusive = true)
    Count count = new Count();

    /** --last N or --first N, not both. */
    static final class Count {
        @Option(names = "--last", paramLabel = "N", description = "The N newest records (the default, with N=10).")
        Integer last;
        @Option(names = "--first", paramLabel = "N", description = "The N oldest records still in the topic.")
        Integer first;
    }

    @Override
    public Integer call() {
        boolean fromStart = count != null && count.first != null;
        int n = fromStart ? count.first : count != null && count.last != null ? count.last : 10;
        if (n < 1) {
            throw new UserException(ExitCodes.USAGE, (fromStart ? "--first " : "--last ") + n + ": give a count of 1 or more.");
        }
        Function<ConsumerRecord<byte[], byte[]>, String> format = Topics.DATA.equals(topic) ? RecordLines::reading : RecordLines::raw;
        PrintWriter out = spec.commandLine().getOut();
        try (KafkaConnection kc = new KafkaConnection(kafka, timeout, spec.commandLine().getErr())) {
            List<TopicPartition> partitions = TopicQueries.partitions(TopicQueries.require(kc, topic));
            List<ConsumerRecord<byte[], byte[]>> records;
            Map<TopicPartition, Long> readUpTo;
            try (TopicReader reader = new TopicReader(kc)) {
                records = fromStart ? reader.first(partitions, n) : reader.last(partitions, n);
                readUpTo = reader.readUpTo();
            }
            if (records.isEmpty() && !follow) {
                out.println("no committed records in " + topic);
            }
            records.forEach(r -> out.println(format.apply(r)));
            if (follow) {
                // From where the first read ended, so no record is skipped or printed twice.
                out.flush();
                try (TopicFollower follower = new TopicFollower(kc)) {
                    follower.follow(readUpTo, r -> {
                        out.println(format.apply(r));
                        out.flush();
                    });
                }
            }
        }
        return ExitCodes.OK;
    }
}
