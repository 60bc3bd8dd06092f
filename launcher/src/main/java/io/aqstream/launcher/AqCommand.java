package io.aqstream.launcher;

import io.aqstream.admin.AdminCommand;
import io.aqstream.consumer.ConsumeCommand;
import io.aqstream.kraft.ResetKraft;
import io.aqstream.kraft.StartKraft;
import io.aqstream.kraft.StartOver;
import io.aqstream.kraft.StopKraft;
import io.aqstream.producer.GenerateCommand;
import io.aqstream.producer.ProduceCommand;
import io.aqstream.report.ReportCommand;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Every aq-stream command, once: the name a user types (bin/NAME, bin\windows\NAME.cmd,
 * {@code java -jar aq-stream.jar NAME}; its JVM options are in {@code conf/jvm/NAME.options}), the component
 * that names its log file (logs/COMPONENT.log), and its main.
 */
enum AqCommand {
    START_KRAFT("start-kraft", "kraft", "start the Kafka node (KRaft broker + controller)", StartKraft::main),
    STOP_KRAFT("stop-kraft", "kraft", "stop the node started with --daemon", StopKraft::main),
    RESET_KRAFT("reset-kraft", "kraft", "delete the node's data (topics, offsets)", ResetKraft::main),
    START_OVER("start-over", "kraft", "stop the node, delete its data and processed_data/", StartOver::main),
    PRODUCE("produce", "producer", "replay a CSV into Kafka, exactly once", ProduceCommand::main),
    CONSUME("consume", "consumer", "write the committed rows as Parquet into processed_data/", ConsumeCommand::main),
    AQ_ADMIN("aq-admin", "admin", "health, topics, lag, tail, dlq, summary of processed_data/", AdminCommand::main),
    AQ_REPORT("aq-report", "report", "an HTML report with charts of processed_data/", ReportCommand::main),
    GENERATE("generate", "generate", "write realistic data in the UCI format", GenerateCommand::main),
    PIPELINE("pipeline", "pipeline", "the whole pipeline: node, replay, Parquet, summary, report", PipelineCommand::main);

    final String userName;
    final String component;
    final String summary;
    private final Consumer<String[]> main;

    AqCommand(String userName, String component, String summary, Consumer<String[]> main) {
        this.userName = userName;
        this.component = component;
        this.summary = summary;
        this.main = main;
    }

    static Optional<AqCommand> named(String name) {
        return Arrays.stream(values()).filter(c -> c.userName.equals(name)).findFirst();
    }

    /** Runs the command's main, which exits the JVM with the command's exit code. */
    void run(String[] args) {
        main.accept(args);
    }
}
