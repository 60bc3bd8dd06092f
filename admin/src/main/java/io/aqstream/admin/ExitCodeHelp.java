package io.aqstream.admin;

import io.aqstream.common.cli.CommandRunner;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Puts {@link CommandRunner#EXIT_CODE_HELP} into a command's --help. A Java annotation cannot take a
 * String[] constant ({@code exitCodeList = CommandRunner.EXIT_CODE_HELP} does not compile), so every
 * subcommand names this class as its {@code modelTransformer} instead.
 */
public final class ExitCodeHelp implements IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec spec) {
        Map<String, String> codes = new LinkedHashMap<>();
        for (String entry : CommandRunner.EXIT_CODE_HELP) {
            int colon = entry.indexOf(':');
            codes.put(String.format("%4s", entry.substring(0, colon)), entry.substring(colon + 1));
        }
        spec.usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
        return spec;
    }
}
