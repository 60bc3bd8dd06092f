package io.aqstream.reliability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The rows the pipeline was given: every data line of every UCI-format CSV in a folder, parsed here with
 * a plain split (no code shared with the producer's parser). The station is the file name without its
 * extension, as bin/produce's default. {@code -200} (any spelling) is a missing value.
 */
final class ExpectedRows {
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH.mm.ss");

    private ExpectedRows() {
    }

    static List<Path> csvFiles(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Row> read(Path folder) {
        List<Row> rows = new ArrayList<>();
        for (Path csv : csvFiles(folder)) {
            String name = csv.getFileName().toString();
            String station = name.substring(0, name.length() - ".csv".length());
            try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
                in.readLine(); // header
                String line;
                while ((line = in.readLine()) != null) {
                    String[] f = line.split(";", -1);
                    if (f.length < 15 || f[0].isEmpty()) {
                        continue; // the UCI file's empty trailing rows (";;;;...")
                    }
                    Double[] values = new Double[Columns.MEASUREMENTS.size()];
                    for (int i = 0; i < values.length; i++) {
                        double v = Double.parseDouble(f[2 + i].replace(',', '.'));
                        values[i] = v == -200 ? null : v;
                    }
                    rows.add(new Row(station, LocalDateTime.parse(f[0] + " " + f[1], DATE_TIME), values, -1, -1));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return rows;
    }
}
