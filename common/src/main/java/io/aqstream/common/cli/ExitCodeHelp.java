package io.aqstream.common.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Generates a command's "Exit codes:" help section from {@link ExitCodes#TABLE}: the codes its
 * {@link ExitCodeList} declares, in numeric order, each with the command's own wording or else the table's.
 * A command names this class as its {@code @Command(modelTransformer = ...)}; picocli calls it once it
 * has read the annotations. (Why not picocli's {@code exitCodeList}: an annotation cannot take a list
 * built from a table, so each command would retype the codes and their meanings, and keep them in order.)
 *
 * <p>The list is read from the command's class or, for a family of commands that share one list (the
 * subcommands of {@code bin/aq-admin}), from the subclass of this class that they all name.
 */
public class ExitCodeHelp implements IModelTransformer {
    @Override
    public final CommandSpec transform(CommandSpec spec) {
        Object command = spec.userObject();
        Class<?> type = command instanceof Class ? (Class<?>) command : command.getClass();
        ExitCodeList list = type.getAnnotation(ExitCodeList.class);
        if (list == null) {
            list = getClass().getAnnotation(ExitCodeList.class);
        }
        if (list == null) {
            throw new IllegalStateException(type.getName() + " names " + getClass().getName()
                    + " but neither declares an @ExitCodeList");
        }
        SortedMap<Integer, String> section = section(type, list);
        int width = String.valueOf(section.lastKey()).length();
        Map<String, String> help = new LinkedHashMap<>();
        section.forEach((code, meaning) -> help.put(String.format("%" + width + "d", code), meaning));
        spec.usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(help);
        return spec;
    }

    /** @return code → meaning for this command, in numeric order */
    static SortedMap<Integer, String> section(Class<?> type, ExitCodeList list) {
        SortedMap<Integer, String> section = new TreeMap<>();
        for (ExitCodeList.Code c : list.value()) {
            String general = ExitCodes.TABLE.get(c.value());
            if (general == null) {
                throw new IllegalStateException(type.getName() + " declares exit code " + c.value()
                        + ", which is not in ExitCodes.TABLE");
            }
            if (section.put(c.value(), c.meaning().isEmpty() ? general : c.meaning()) != null) {
                throw new IllegalStateException(type.getName() + " declares exit code " + c.value() + " twice");
            }
        }
        if (section.isEmpty()) {
            throw new IllegalStateException(type.getName() + " declares no exit code");
        }
        return section;
    }
}
