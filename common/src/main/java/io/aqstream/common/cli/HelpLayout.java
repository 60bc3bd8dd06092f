package io.aqstream.common.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.IHelpSectionRenderer;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Lays out a command's {@code --help} in {@link #WIDTH} columns, breaking lines at spaces only.
 *
 * <p>Why not picocli's own wrapping: it breaks where {@link java.text.BreakIterator}'s line rules allow,
 * which includes after '.' and ':' and before '/', so "127.0.0.1:9092" came out as "127.0.0.1:" / "9092"
 * and "../shared/data" as ".." / "/shared/data", at whatever place the 80th column fell. So picocli lays
 * out every section on an unlimited width (one logical line per line, columns intact), and this class
 * wraps those lines at spaces, continuing a line where picocli would: table rows two columns right of
 * their text column, the synopsis under its first option, paragraphs at their own indent. A word longer
 * than the line overflows rather than being cut.
 */
final class HelpLayout {
    /** Columns of every command's help: picocli's default, and what a terminal shows without wrapping. */
    static final int WIDTH = 80;
    /** Wide enough that picocli never wraps a line itself. */
    private static final int UNLIMITED = 4000;
    /** picocli's indent of a wrapped table row beyond its text column. */
    private static final int WRAPPED_INDENT = 2;
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");
    /** A row of a two-column table (exit codes, subcommands): indent, key, a gap of two or more spaces, text. */
    private static final Pattern KEY_AND_TEXT = Pattern.compile("^(\\s*\\S+ {2,})\\S");
    private static final Set<String> OPTION_TABLES = Set.of(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST,
            CommandLine.Model.UsageMessageSpec.SECTION_KEY_PARAMETER_LIST,
            CommandLine.Model.UsageMessageSpec.SECTION_KEY_END_OF_OPTIONS,
            CommandLine.Model.UsageMessageSpec.SECTION_KEY_AT_FILE_PARAMETER);
    private static final Set<String> KEY_TABLES = Set.of(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST,
            CommandLine.Model.UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST);

    private HelpLayout() {
    }

    /** Makes {@code spec}'s help (only this command's, not its subcommands') wrap at spaces. */
    static void apply(CommandSpec spec) {
        spec.usageMessage().autoWidth(false).width(UNLIMITED);
        Map<String, IHelpSectionRenderer> wrapped = new LinkedHashMap<>();
        spec.usageMessage().sectionMap().forEach((key, renderer) ->
                wrapped.put(key, help -> wrapSection(key, help, renderer.render(help))));
        spec.usageMessage().sectionMap(wrapped);
    }

    private static String wrapSection(String key, Help help, String text) {
        boolean synopsis = CommandLine.Model.UsageMessageSpec.SECTION_KEY_SYNOPSIS.equals(key);
        // The synopsis follows its heading ("Usage: ") on the same line: lay it out as if the heading were there.
        String heading = synopsis ? " ".repeat(help.synopsisHeadingLength()) : "";
        String[] lines = (heading + text).split("\n", -1);
        StringBuilder out = new StringBuilder(text.length() + 64);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                out.append('\n');
            }
            String line = lines[i];
            int textColumn = textColumn(key, help, line);
            int hanging = synopsis ? textColumn
                    : OPTION_TABLES.contains(key) || KEY_TABLES.contains(key) ? textColumn + WRAPPED_INDENT
                    : indentOf(line);
            out.append(String.join("\n", wrap(line, textColumn, hanging, WIDTH)));
        }
        return out.substring(heading.length());
    }

    /** The visible column where a line's wrappable text starts: nothing left of it is broken. */
    private static int textColumn(String key, Help help, String line) {
        if (CommandLine.Model.UsageMessageSpec.SECTION_KEY_SYNOPSIS.equals(key)) {
            // "Usage: aq-admin topics list " is one unit, as in picocli's own synopsis.
            return Math.min(visibleLength(line), help.synopsisHeadingLength()
                    + help.commandSpec().qualifiedName().length() + 1);
        }
        if (OPTION_TABLES.contains(key)) {
            // picocli's option table: marker (2), short name (2), comma (1), long name column, a space, the text.
            CommandSpec spec = help.commandSpec();
            return 6 + help.calcLongOptionColumnWidth(spec.options(), spec.positionalParameters(), help.colorScheme());
        }
        if (KEY_TABLES.contains(key)) {
            Matcher m = KEY_AND_TEXT.matcher(plain(line));
            if (m.find()) {
                return m.group(1).length();
            }
        }
        return indentOf(line);
    }

    /**
     * {@code line} as lines of at most {@code width} visible characters, broken only at spaces right of
     * {@code textColumn}; continuation lines indented by {@code hanging}.
     */
    static List<String> wrap(String line, int textColumn, int hanging, int width) {
        List<String> lines = new ArrayList<>();
        String rest = line;
        int from = textColumn;
        while (visibleLength(rest) > width) {
            int cut = breakAt(rest, from, width);
            if (cut < 0) {
                break;
            }
            lines.add(rest.substring(0, cut).stripTrailing());
            rest = " ".repeat(hanging) + rest.substring(cut).stripLeading();
            from = hanging;
        }
        lines.add(rest);
        return lines;
    }

    /**
     * The index of the space to break {@code line} at: the last one that leaves at most {@code width}
     * visible characters before it, or else (a word longer than the line) the first one; -1 if none. Only
     * spaces that end a word right of {@code from} count.
     */
    private static int breakAt(String line, int from, int width) {
        int last = -1;
        int visible = 0;
        for (int i = 0; i < line.length(); i++) {
            Matcher escape = ANSI.matcher(line).region(i, line.length());
            if (escape.lookingAt()) {
                i = escape.end() - 1;
                continue;
            }
            if (line.charAt(i) == ' ' && visible > from && i > 0 && line.charAt(i - 1) != ' ') {
                if (visible > width) {
                    return last >= 0 ? last : i;
                }
                last = i;
            }
            visible++;
        }
        return last;
    }

    private static int indentOf(String line) {
        String plain = plain(line);
        return plain.length() - plain.stripLeading().length();
    }

    private static int visibleLength(String line) {
        return plain(line).length();
    }

    private static String plain(String line) {
        return ANSI.matcher(line).replaceAll("");
    }
}
