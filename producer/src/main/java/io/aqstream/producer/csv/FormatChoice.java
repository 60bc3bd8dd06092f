package io.aqstream.producer.csv;

import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.UserException;
import io.aqstream.common.format.FormatProfile;
import io.aqstream.common.format.FormatProfiles;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which format a file is in: the one {@code --format} names, else the known format whose header the file's
 * first line is. When none matches, the error says what is closest and lists the known formats.
 */
public final class FormatChoice {
    private FormatChoice() {
    }

    /**
     * @param option {@code --format} (a name or a file), or {@code null} to detect from the header
     * @throws UserException ({@link ExitCodes#BAD_INPUT}) for an unreadable file or a header that fits no
     *     known format; ({@link ExitCodes#USAGE}) for an unknown {@code --format}
     */
    public static FormatProfile of(FormatProfiles formats, String option, Path file) {
        if (option != null) {
            return formats.byNameOrFile(option.strip());
        }
        String header = InputFile.firstLine(file);
        return detect(formats, formats.all(), header, file);
    }

    static FormatProfile detect(FormatProfiles formats, List<FormatProfile> known, String header, Path file) {
        if (header == null) {
            throw new UserException(ExitCodes.BAD_INPUT, file + ": the file is empty, expected the header of a"
                    + " known format (" + formats.knownList() + ") and data rows.");
        }
        for (FormatProfile f : known) {
            if (HeaderCheck.problem(f, header) == null) {
                return f;
            }
        }
        String hint = " Known formats: " + describe(known) + "; name one with --format NAME|FILE, or describe this"
                + " file's layout in a format file (docs/formats.md).";
        FormatProfile closest = closest(known, header);
        if (closest != null) {
            throw new UserException(ExitCodes.BAD_INPUT, file + ":" + HeaderCheck.problem(closest, header)
                    + " (closest known format: " + closest.name() + ")." + hint);
        }
        throw new UserException(ExitCodes.BAD_INPUT, file + ":1:1: the header matches no known format (found \""
                + HeaderCheck.shorten(header, 120) + "\")." + hint);
    }

    /** The format sharing most column names with the header (whatever its separator), or one it is a data row of. */
    private static FormatProfile closest(List<FormatProfile> known, String header) {
        Set<String> names = new HashSet<>();
        for (String t : header.split("[,;\t]")) {
            names.add(t.strip().replace("\"", ""));
        }
        FormatProfile best = null;
        long bestScore = 0;
        for (FormatProfile f : known) {
            long score = f.columns().stream().filter(names::contains).count();
            if (score > bestScore) {
                best = f;
                bestScore = score;
            }
        }
        if (best != null) {
            return best;
        }
        for (FormatProfile f : known) {
            if (HeaderCheck.isDataRow(f, header)) {
                return f;
            }
        }
        return null;
    }

    private static String describe(List<FormatProfile> known) {
        return known.isEmpty() ? "none" : known.stream().map(f -> f.name() + " (" + f.description() + ")")
                .collect(Collectors.joining(", "));
    }
}
