package io.aqstream.producer.bench;

import io.aqstream.common.ReadingJson;
import io.aqstream.producer.csv.InputFile;
import io.aqstream.producer.csv.LineReader;
import io.aqstream.producer.csv.RowException;
import io.aqstream.producer.csv.UciFormat;
import io.aqstream.producer.csv.UciRowParser;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The payload file of Kafka's ProducerPerformance: one JSON value per line, the very values bin/produce
 * and {@link PlainLoop} send for the same CSV (ReadingJson writes compact JSON, never a line break, so a
 * line is exactly one value).
 */
final class PayloadFile {
    private PayloadFile() {
    }

    /** Writes the file and returns how many values it holds. */
    static long write(Path csv, Path payload) throws IOException {
        UciRowParser parser = new UciRowParser("bench");
        long count = 0;
        try (LineReader lines = InputFile.open(csv);
             OutputStream out = new BufferedOutputStream(Files.newOutputStream(payload), 1 << 18)) {
            lines.next(); // header
            String line;
            while ((line = lines.next()) != null) {
                if (UciFormat.isEmptyRow(line)) {
                    continue;
                }
                out.write(ReadingJson.toJson(parser.parse(line)));
                out.write('\n');
                count++;
            }
        } catch (RowException e) {
            throw new IOException("the generated CSV " + csv + " has a bad row: " + e.getMessage(), e);
        }
        return count;
    }
}
