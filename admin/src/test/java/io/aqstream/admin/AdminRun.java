package io.aqstream.admin;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqstream.testkit.Cli;
import io.aqstream.testkit.CliResult;
import io.aqstream.testkit.KraftTestNode;
import java.util.Arrays;

/** Runs bin/aq-admin in-process against a test node, as a user would with --bootstrap-server. */
final class AdminRun {
    private AdminRun() {
    }

    static CliResult against(KraftTestNode node, String... args) {
        String[] all = Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--bootstrap-server";
        all[args.length + 1] = node.bootstrapServers();
        return Cli.run(new AdminCommand(), all);
    }

    /**
     * What a Kafka subcommand printed on stderr after its first line, which must be the announced wait
     * ("waiting for Kafka at ..."): the error line(s) tests look at.
     */
    static String errAfterWait(CliResult r) {
        String[] lines = r.err().split("\\R", 2);
        assertTrue(lines[0].startsWith("waiting for Kafka at "), "the wait is announced first: " + r.err());
        return lines.length > 1 ? lines[1] : "";
    }
}
