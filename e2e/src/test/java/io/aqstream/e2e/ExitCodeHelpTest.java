package io.aqstream.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqstream.admin.AdminCommand;
import io.aqstream.common.cli.ExitCodeHelp;
import io.aqstream.common.cli.ExitCodeList;
import io.aqstream.common.cli.ExitCodes;
import io.aqstream.consumer.ConsumeCommand;
import io.aqstream.kraft.ResetKraft;
import io.aqstream.kraft.StartKraft;
import io.aqstream.kraft.StartOver;
import io.aqstream.kraft.StopKraft;
import io.aqstream.producer.GenerateCommand;
import io.aqstream.producer.ProduceCommand;
import io.aqstream.report.ReportCommand;
import io.aqstream.reliability.FaultInjectionCommand;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Every command's --help (subcommands included) lists the exit codes the command declares, in ascending
 * order, each a code of {@link ExitCodes#TABLE} with the command's wording or else the table's; no command
 * writes its own list.
 */
class ExitCodeHelpTest {
    /** A code's first line in the help: the right-aligned code, three spaces, the meaning. */
    private static final Pattern CODE_LINE = Pattern.compile("^ {2,4}(\\d{1,3}) {3}\\S.*");

    static Stream<Object> commands() {
        return Stream.of(new AdminCommand(), new ConsumeCommand(), new ProduceCommand(), new GenerateCommand(),
                new StartKraft(), new StopKraft(), new ResetKraft(), new StartOver(), new FaultInjectionCommand(),
                new ReportCommand());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void helpListsTheDeclaredExitCodesInAscendingOrder(Object command) {
        List<CommandLine> all = new ArrayList<>();
        collect(new CommandLine(command), all);
        for (CommandLine cl : all) {
            Class<?> type = cl.getCommand().getClass();
            Command annotation = type.getAnnotation(Command.class);
            assertEquals(0, annotation.exitCodeList().length, type + " writes its own exitCodeList");
            assertTrue(ExitCodeHelp.class.isAssignableFrom(annotation.modelTransformer()),
                    type + " does not generate its exit codes with ExitCodeHelp");
            ExitCodeList declared = type.getAnnotation(ExitCodeList.class) != null
                    ? type.getAnnotation(ExitCodeList.class) : annotation.modelTransformer().getAnnotation(ExitCodeList.class);
            assertNotNull(declared, type + " declares no @ExitCodeList");

            Map<Integer, String> expected = new LinkedHashMap<>();
            Stream.of(declared.value()).sorted((a, b) -> Integer.compare(a.value(), b.value())).forEach(c -> {
                assertTrue(ExitCodes.TABLE.containsKey(c.value()), type + ": exit code " + c.value() + " is not in the table");
                expected.put(c.value(), c.meaning().isEmpty() ? ExitCodes.TABLE.get(c.value()) : c.meaning());
            });
            assertEquals(declared.value().length, expected.size(), type + " declares a code twice");

            String help = cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
            List<String> section = exitCodeSection(help);
            List<Integer> listed = new ArrayList<>();
            for (String line : section) {
                Matcher m = CODE_LINE.matcher(line);
                if (m.matches()) {
                    listed.add(Integer.parseInt(m.group(1)));
                }
            }
            assertEquals(new ArrayList<>(expected.keySet()), listed, type + ": the codes, in ascending order, in\n" + help);
            String text = String.join(" ", section).replaceAll("\\s+", " ");
            expected.forEach((code, meaning) -> assertTrue(text.contains(code + " " + meaning),
                    type + ": exit code " + code + " with \"" + meaning + "\" in\n" + help));
        }
    }

    private static void collect(CommandLine cl, List<CommandLine> all) {
        all.add(cl);
        cl.getSubcommands().values().forEach(sub -> collect(sub, all));
    }

    /** The lines after "Exit codes:" up to the next empty line. */
    private static List<String> exitCodeSection(String help) {
        List<String> lines = List.of(help.split("\\R"));
        int start = lines.indexOf("Exit codes:");
        assertTrue(start >= 0, "no \"Exit codes:\" in\n" + help);
        List<String> section = new ArrayList<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.isBlank()) {
                break;
            }
            section.add(line);
        }
        return section;
    }
}
