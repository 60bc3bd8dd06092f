package io.aqstream.launcher;

import io.aqstream.common.cli.ExitCodeHelp;
import io.aqstream.producer.ProduceCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * bin/pipeline accepts bin/produce's options, as bin/produce defines them: this transformer copies their
 * definitions into the pipeline's command, so a typo or a bad value ({@code --fil}, {@code --speed fast})
 * is refused before anything starts, with the nearest option, and {@code --help} lists them. The copies
 * are never read as values: {@link #forwarded} passes on what the user typed.
 */
public final class PipelineOptions implements IModelTransformer {
    /** Options that also go to the consumer: where Kafka is, and which topic. */
    private static final Set<String> CLIENT = Set.of("--bootstrap-server", "--command-config");
    private static final Set<String> TOPIC = Set.of("--topic");
    /** The pipeline decides these itself (--single-source) or has its own (help, version, verbose). */
    private static final Set<String> NOT_COPIED = Set.of("--single-source", "--help", "--version", "--verbose");

    @Override
    public CommandSpec transform(CommandSpec spec) {
        new ExitCodeHelp().transform(spec);
        for (OptionSpec option : produceOptions()) {
            if (spec.findOption(option.longestName()) == null) {
                spec.addOption(OptionSpec.builder(option).build());
            }
        }
        return spec;
    }

    private static List<OptionSpec> produceOptions() {
        return CommandSpec.forAnnotatedObject(new ProduceCommand()).options().stream()
                .filter(o -> !NOT_COPIED.contains(o.longestName())).toList();
    }

    /** What the user typed for produce's options, split by which steps get it. */
    record Forwarded(List<String> client, List<String> topic, List<String> produceOnly, boolean speedGiven) {
    }

    static Forwarded forwarded(CommandSpec pipeline) {
        ParseResult parsed = pipeline.commandLine().getParseResult();
        Set<String> produce = produceOptions().stream().map(OptionSpec::longestName).collect(Collectors.toSet());
        List<String> client = new ArrayList<>();
        List<String> topic = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        boolean speed = false;
        for (OptionSpec option : parsed.matchedOptions()) {
            String name = option.longestName();
            if (!produce.contains(name)) { // the pipeline's own
                continue;
            }
            List<String> target = CLIENT.contains(name) ? client : TOPIC.contains(name) ? topic : rest;
            speed |= name.equals("--speed");
            if (option.arity().max() == 0) {
                target.add(name);
            } else {
                for (String value : option.originalStringValues()) {
                    target.add(name);
                    target.add(value);
                }
            }
        }
        return new Forwarded(client, topic, rest, speed);
    }
}
