package io.aqstream.producer.csv;

import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.UserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** bin/produce's FILE... | DIR arguments as the list of files to replay: a folder gives its *.csv, by name. */
public final class InputFiles {
    private InputFiles() {
    }

    public static List<Path> expand(List<Path> args) {
        LinkedHashSet<Path> out = new LinkedHashSet<>();
        for (Path arg : args) {
            if (Files.isDirectory(arg)) {
                List<Path> csvs = csvFiles(arg);
                if (csvs.isEmpty()) {
                    throw new UserException(ExitCodes.BAD_INPUT, arg + ": is a directory with no .csv file; give a"
                            + " folder of CSV files, or the path of a CSV file.");
                }
                out.addAll(csvs);
            } else {
                out.add(arg); // a missing file is reported, by name, when it is opened
            }
        }
        return new ArrayList<>(out);
    }

    private static List<Path> csvFiles(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".csv")
                    && Files.isRegularFile(p)).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UserException(ExitCodes.BAD_INPUT, dir + ": cannot list it (" + e.getMessage() + ").");
        }
    }
}
