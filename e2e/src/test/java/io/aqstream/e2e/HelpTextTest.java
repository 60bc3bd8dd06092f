package io.aqstream.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqstream.admin.AdminCommand;
import io.aqstream.common.cli.ExitCodes;
import io.aqstream.consumer.ConsumeCommand;
import io.aqstream.kraft.ResetKraft;
import io.aqstream.kraft.StartKraft;
import io.aqstream.kraft.StartOver;
import io.aqstream.kraft.StopKraft;
import io.aqstream.launcher.PipelineCommand;
import io.aqstream.producer.GenerateCommand;
import io.aqstream.producer.ProduceCommand;
import io.aqstream.report.ReportCommand;
import io.aqstream.reliability.FaultInjectionCommand;
import io.aqstream.testkit.Cli;
import io.aqstream.testkit.CliResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * What a student sees first: every command and subcommand answers --help in 80 columns with lines broken
 * at spaces only (never inside 127.0.0.1:9092 or ../shared/data/...), and --version with the version.
 */
class HelpTextTest {
    /** Every command of bin/, by its path of subcommand names (empty for the command itself). */
    static Stream<Object[]> commands() {
        List<Supplier<Object>> mains = List.of(AdminCommand::new, ConsumeCommand::new, ProduceCommand::new,
                GenerateCommand::new, StartKraft::new, StopKraft::new, ResetKraft::new, StartOver::new,
                FaultInjectionCommand::new, PipelineCommand::new, ReportCommand::new);
        List<Object[]> all = new ArrayList<>();
        for (Supplier<Object> main : mains) {
            collect(new CommandLine(main.get()), main, all);
        }
        return all.stream();
    }

    private static void collect(CommandLine cl, Supplier<Object> main, List<Object[]> all) {
        all.add(new Object[] {cl.getCommandSpec().qualifiedName(), main});
        cl.getSubcommands().values().forEach(sub -> collect(sub, main, all));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void helpBreaksLinesAtSpacesOnly(String name, Supplier<Object> main) {
        CliResult r = Cli.run(main.get(), args(name, "--help"));
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        for (String line : r.out().split("\\R")) {
            assertTrue(line.length() <= 80, "longer than 80 columns: '" + line + "' in\n" + r.out());
        }
        // The same words as picocli's own layout on a width that needs no wrapping: a break inside a word
        // ("127.0.0.1:" / "9092", ".." / "/shared/data") would split one of them in two.
        assertEquals(words(unwrapped(main, name)), words(r.out()), "a line broke inside a word in\n" + r.out());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void versionPrintsTheVersion(String name, Supplier<Object> main) {
        CliResult r = Cli.run(main.get(), args(name, "--version"));
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        assertTrue(r.out().startsWith("aq-stream ") && r.out().contains(", Kafka 4."), r.toString());
    }

    /** The hosts and paths the issue found broken stay whole. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void addressesAndPathsStayWhole(String name, Supplier<Object> main) {
        String help = Cli.run(main.get(), args(name, "--help")).out();
        for (String line : help.split("\\R")) {
            String text = line.strip();
            assertTrue(!text.matches(".*(\\d+\\.\\d+\\.\\d+\\.\\d+:|(?<!\\.)\\.\\.|/)$") && !text.startsWith("/"),
                    "a line breaks inside an address or a path: '" + line + "' in\n" + help);
        }
    }

    private static String[] args(String qualifiedName, String option) {
        List<String> args = new ArrayList<>(Arrays.asList(qualifiedName.split(" ")));
        args.set(0, option);
        args.add(args.remove(0));
        return args.toArray(new String[0]);
    }

    private static String unwrapped(Supplier<Object> main, String qualifiedName) {
        CommandLine cl = new CommandLine(main.get());
        for (String sub : Arrays.asList(qualifiedName.split(" ")).subList(1, qualifiedName.split(" ").length)) {
            cl = cl.getSubcommands().get(sub);
        }
        cl.getCommandSpec().usageMessage().width(4000);
        return cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    private static List<String> words(String text) {
        return List.of(text.strip().split("\\s+"));
    }
}
