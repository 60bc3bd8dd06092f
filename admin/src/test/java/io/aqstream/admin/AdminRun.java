package io.aqstream.admin;

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
}
