package io.aqstream.common.format;

import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.UserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The known formats: every {@code NAME.properties} in the project's {@code conf/formats/}. Adding a format
 * is adding a file there; no code knows the names.
 */
public final class FormatProfiles {
    static final String SUFFIX = ".properties";
    private final Path dir;

    public FormatProfiles(Path dir) {
        this.dir = dir;
    }

    /**
     * The project's {@code conf/formats/}: under {@code aq.home} when set (bin/ and the launcher set it), else
     * the first one found from the current folder upwards (tests run in a module's folder).
     */
    public static FormatProfiles ofProject() {
        String home = System.getProperty("aq.home");
        if (home != null) {
            return new FormatProfiles(Paths.get(home, "conf", "formats"));
        }
        Path start = Paths.get("").toAbsolutePath();
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("conf/formats"))) {
                return new FormatProfiles(p.resolve("conf/formats"));
            }
        }
        return new FormatProfiles(start.resolve("conf/formats"));
    }

    public Path dir() {
        return dir;
    }

    /** Every format in the folder, by name. */
    public List<FormatProfile> all() {
        List<FormatProfile> out = new ArrayList<>();
        for (Path file : files()) {
            out.add(FormatProfile.load(nameOf(file), file));
        }
        return out;
    }

    /**
     * {@code --format}: a known name ({@code uci}) or the path of a format file.
     *
     * @throws UserException ({@link ExitCodes#USAGE}) listing the known formats when neither
     */
    public FormatProfile byNameOrFile(String nameOrFile) {
        Path asFile = Paths.get(nameOrFile);
        if (nameOrFile.endsWith(SUFFIX) || nameOrFile.contains("/") || nameOrFile.contains("\\")) {
            if (!Files.isRegularFile(asFile)) {
                throw new UserException(ExitCodes.USAGE, "--format " + nameOrFile + ": no such format file; give a"
                        + " known format (" + knownList() + ") or the path of a .properties file (docs/formats.md).");
            }
            return FormatProfile.load(nameOf(asFile), asFile);
        }
        Path file = dir.resolve(nameOrFile + SUFFIX);
        if (!Files.isRegularFile(file)) {
            throw new UserException(ExitCodes.USAGE, "--format " + nameOrFile + ": unknown format; known formats: "
                    + knownList() + " (files in " + dir + "), or give the path of a format file (docs/formats.md).");
        }
        return FormatProfile.load(nameOrFile, file);
    }

    /**
     * The format a data set was written in, known from its Parquet measurement columns (the files do not name
     * it): a format whose fields include every one of {@code columns}, the one whose topic is {@code topic}
     * first. Readers of processed_data/ take units and CSV headers from it.
     *
     * @return empty when no known format has all those columns (files of a user's own program, say)
     */
    public Optional<FormatProfile> ofColumns(String topic, Collection<String> columns) {
        return all().stream()
                .filter(f -> f.fields().stream().map(FormatField::name).toList().containsAll(columns))
                .min(Comparator.comparing(f -> !f.topic().equals(topic)));
    }

    /** {@code uci, beijing}: the names, for messages. */
    public String knownList() {
        List<Path> files = files();
        return files.isEmpty() ? "none (" + dir + " has no .properties file)"
                : files.stream().map(FormatProfiles::nameOf).collect(Collectors.joining(", "));
    }

    private List<Path> files() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(SUFFIX) && Files.isRegularFile(p)).sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UserException(ExitCodes.BAD_INPUT, dir + ": cannot list the format files (" + e.getMessage()
                    + ").");
        }
    }

    private static String nameOf(Path file) {
        String n = file.getFileName().toString();
        return n.endsWith(SUFFIX) ? n.substring(0, n.length() - SUFFIX.length()) : n;
    }
}
