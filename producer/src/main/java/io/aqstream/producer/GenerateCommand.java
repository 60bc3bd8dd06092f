package io.aqstream.producer;

import io.aqstream.common.cli.Plural;
import io.aqstream.common.cli.VerboseOption;
import io.aqstream.common.cli.CommandRunner;
import io.aqstream.common.cli.ExitCodeHelp;
import io.aqstream.common.cli.ExitCodeList;
import io.aqstream.common.cli.ExitCodeList.Code;
import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.UserException;
import io.aqstream.producer.generate.CsvGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bin/generate}: realistic data in the UCI Air Quality format, for demos without the real file and
 * for scale tests. The UCI format has no station column, so several stations mean several files, one per
 * station ({@code station-01.csv}, ...), each replayed with its own {@code bin/produce} (whose default
 * station id is the file name: station-01).
 */
@Command(name = "generate", sortOptions = false,
        description = {
            "Writes N stations x M hours of realistic air-quality data in the UCI format (CRLF, ';', decimal"
                    + " commas, -200 = missing at the real file's rates, daily and yearly cycles), streamed with"
                    + " flat memory. The same --seed and options give the same bytes.",
        },
        modelTransformer = ExitCodeHelp.class)
@ExitCodeList({
    @Code(ExitCodes.OK),
    @Code(value = ExitCodes.FAILURE, meaning = "Unexpected failure; details in logs/generate.log."),
    @Code(ExitCodes.USAGE),
    @Code(value = ExitCodes.ENVIRONMENT, meaning = "Cannot write the output (directory not writable, disk full)."),
})
public final class GenerateCommand implements Callable<Integer> {
    /** -v: applied by bin/lib/aq.sh at JVM start; declared here for --help and parsing. */
    @Mixin
    VerboseOption verbose = new VerboseOption();

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = {"-V", "--version"}, versionHelp = true, description = "Print the version and exit.")
    boolean version;

    @Option(names = "--stations", paramLabel = "N", defaultValue = "1",
            description = "Number of stations; more than 1 writes one file per station into --output DIR."
                    + " Default: ${DEFAULT-VALUE}.")
    int stations;

    @Option(names = "--hours", paramLabel = "M", defaultValue = "9357",
            description = "Hourly rows per station. Default: ${DEFAULT-VALUE} (as many as the real file).")
    long hours;

    @Option(names = "--start", paramLabel = "yyyy-MM-ddTHH:mm", defaultValue = "2004-03-10T18:00",
            description = "Time of the first row (local time). Default: ${DEFAULT-VALUE} (as the real file).")
    LocalDateTime start;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Random seed: the same seed and options give byte-identical files. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--empty-rows", paramLabel = "N", defaultValue = "0",
            description = "Empty ';;;;' rows to append at the end of each file (the real file has 114)."
                    + " Default: ${DEFAULT-VALUE}.")
    int emptyRows;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE|DIR|-", defaultValue = "-",
            description = "One station: a file, or '-' for stdout. Several stations: a directory (created if"
                    + " missing) that receives station-01.csv, station-02.csv, ... Default: ${DEFAULT-VALUE}.")
    String output;

    public static void main(String[] args) {
        CommandRunner.exit(new GenerateCommand(), args);
    }

    @Override
    public Integer call() {
        if (stations < 1 || stations > 10_000) {
            throw new UserException(ExitCodes.USAGE, "--stations must be between 1 and 10000, got " + stations);
        }
        if (hours < 0) {
            throw new UserException(ExitCodes.USAGE, "--hours must not be negative, got " + hours);
        }
        if (emptyRows < 0) {
            throw new UserException(ExitCodes.USAGE, "--empty-rows must not be negative, got " + emptyRows);
        }
        CsvGenerator generator = new CsvGenerator(seed);
        PrintWriter err = spec.commandLine().getErr();
        long started = System.nanoTime();
        if (stations == 1 && "-".equals(output)) {
            try {
                Writer w = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 256 * 1024);
                generator.write(w, 0, start, hours, emptyRows);
                w.flush();
            } catch (IOException e) {
                throw new UserException(ExitCodes.ENVIRONMENT, "cannot write to stdout: " + e.getMessage(), e);
            }
        } else if (stations == 1) {
            write(generator, Path.of(output), 0);
        } else {
            if ("-".equals(output)) {
                throw new UserException(ExitCodes.USAGE, "--stations " + stations + " writes one file per station:"
                        + " give --output DIR (the UCI format has no station column, so stations cannot share a file)");
            }
            Path dir = Path.of(output);
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UserException(ExitCodes.ENVIRONMENT, "cannot create directory " + dir + ": " + e.getMessage(), e);
            }
            int width = Math.max(2, String.valueOf(stations).length());
            for (int i = 0; i < stations; i++) {
                write(generator, dir.resolve(String.format(Locale.ROOT, "station-%0" + width + "d.csv", i + 1)), i);
            }
        }
        err.println(String.format(Locale.ROOT, "generated %s (%s x %s, seed %d) to %s in %.1f s",
                Plural.count((long) stations * hours, "row"), Plural.count(stations, "station"),
                Plural.count(hours, "hour"), seed,
                "-".equals(output) ? "stdout" : output, (System.nanoTime() - started) / 1e9));
        err.flush();
        return ExitCodes.OK;
    }

    private void write(CsvGenerator generator, Path file, int stationIndex) {
        if (Files.isDirectory(file)) {
            throw new UserException(ExitCodes.USAGE, file + " is a directory; with one station --output is a file"
                    + " (or use --stations N for a directory of files)");
        }
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            generator.write(w, stationIndex, start, hours, emptyRows);
        } catch (IOException e) {
            throw new UserException(ExitCodes.ENVIRONMENT, "cannot write " + file + ": " + e.getMessage(), e);
        }
        try {
            // Whole files only: a reader (or a replay) never sees a half-written file under the final name.
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UserException(ExitCodes.ENVIRONMENT, "cannot rename " + tmp + " to " + file + ": " + e.getMessage(), e);
        }
    }
}
