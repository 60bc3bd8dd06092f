package io.aqstream.e2e.bench;

import io.aqstream.producer.generate.CsvGenerator;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Generated input, as {@code bin/generate --stations N --hours H --seed 42 -o DIR} writes it (same
 * generator, same file names station-01.csv, ..., same first hour): one UCI-format file per station, whose
 * station id for bin/produce is the file name.
 */
final class StationFiles {
    /** bin/generate's default --start: data line L (1 = header) of every file is START + (L - 2) hours. */
    static final LocalDateTime START = LocalDateTime.of(2004, 3, 10, 18, 0);
    static final long SEED = 42;

    private StationFiles() {
    }

    static List<Path> generate(Path dir, int stations, long hoursEach) throws IOException {
        Files.createDirectories(dir);
        CsvGenerator generator = new CsvGenerator(SEED);
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < stations; i++) {
            Path file = dir.resolve(String.format(Locale.ROOT, "station-%02d.csv", i + 1));
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                generator.write(w, i, START, hoursEach, 0);
            }
            files.add(file);
        }
        return files;
    }

    /** The station id bin/produce derives from a file name (station-01.csv -> station-01). */
    static String stationOf(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.lastIndexOf('.'));
    }

    /** The CSV line (1 = header) of a generated row, from its timestamp. */
    static long lineOf(LocalDateTime timestamp) {
        return java.time.Duration.between(START, timestamp).toHours() + 2;
    }
}
