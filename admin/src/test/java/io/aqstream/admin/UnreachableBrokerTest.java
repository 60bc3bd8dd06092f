package io.aqstream.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqstream.common.cli.ExitCodes;
import io.aqstream.testkit.Cli;
import io.aqstream.testkit.CliResult;
import io.aqstream.testkit.KraftTestNode;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Without a broker every Kafka subcommand says where it looked and how to start the node, in one line. */
class UnreachableBrokerTest {
    private static final String NOWHERE = "127.0.0.1:" + KraftTestNode.freePorts(1)[0];

    @ParameterizedTest
    @ValueSource(strings = {"topics list", "groups", "lag", "tail", "dlq"})
    void kafkaSubcommandsNameTheAddressAndTheFix(String subcommand) {
        String[] words = (subcommand + " --timeout 2 --bootstrap-server " + NOWHERE).split(" ");
        CliResult r = Cli.run(new AdminCommand(), words);
        assertEquals(ExitCodes.KAFKA_UNAVAILABLE, r.exitCode(), r.toString());
        // First the wait, said at once; then the one-line failure, no stack trace.
        List<String> lines = r.err().strip().lines().toList();
        assertEquals(List.of("waiting for Kafka at " + NOWHERE + " (up to 2 s)"), lines.subList(0, 1), r.err());
        assertTrue(lines.get(1).startsWith("error: no answer from Kafka at " + NOWHERE + " within 2 s while "), r.err());
        assertTrue(lines.get(1).contains("Start it with bin/start-kraft"), r.err());
        assertEquals(2, lines.size(), "two lines, no stack trace: " + r.err());
    }

    @Test
    void healthMarksTheNodeUnreachable() {
        CliResult r = Cli.run(new AdminCommand(), "health", "--timeout", "2", "--bootstrap-server", NOWHERE);
        assertEquals(ExitCodes.KAFKA_UNAVAILABLE, r.exitCode(), r.toString());
        assertTrue(r.out().contains("[FAIL] node reachable"), r.out());
        assertTrue(r.err().contains("Start it with bin/start-kraft"), r.err());
    }

    @Test
    void malformedBootstrapIsAUsageError() {
        CliResult r = Cli.run(new AdminCommand(), "groups", "--bootstrap-server", "no-port-here");
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.toString());
        assertTrue(r.err().startsWith("error: cannot use bootstrap server 'no-port-here'"), r.err());
        assertFalse(r.err().contains("waiting for Kafka"), "a malformed address is refused without a wait: " + r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void noSubcommandShowsTheListOfSubcommands() {
        CliResult r = Cli.run(new AdminCommand());
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.toString());
        for (String sub : new String[] {"health", "topics", "groups", "lag", "reset-offsets", "tail", "dlq", "summary"}) {
            assertTrue(r.err().contains("  " + sub + " "), sub + " missing from\n" + r.err());
        }
    }

    @Test
    void helpListsTheExitCodes() {
        CliResult r = Cli.run(new AdminCommand(), "health", "--help");
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        assertTrue(r.out().contains("Exit codes:"), r.out());
        assertTrue(r.out().contains("6   Check failed (unhealthy, verification mismatch)."), r.out());
        assertTrue(Cli.run(new AdminCommand(), "reset-offsets", "--help").out()
                .contains("bin/consume takes its position from the files in processed_data/"));
    }
}
