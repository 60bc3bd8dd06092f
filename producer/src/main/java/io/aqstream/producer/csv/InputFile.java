package io.aqstream.producer.csv;

import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.UserException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The checks made on a CSV file before any connection to Kafka, so that a wrong file sends nothing:
 * it exists, is a readable regular file, is not empty, starts with the UCI header and has at least one
 * data row. Reads only up to the first data row.
 */
public final class InputFile {
    private InputFile() {
    }

    public static LineReader open(Path file) {
        try {
            return new LineReader(new java.io.BufferedInputStream(Files.newInputStream(file), 64 * 1024));
        } catch (NoSuchFileException e) {
            throw new UserException(ExitCodes.BAD_INPUT, file + ": no such file. Give the path of a CSV in the UCI"
                    + " Air Quality format (e.g. ../shared/data/AirQualityUCI.csv), or make one with bin/generate.");
        } catch (AccessDeniedException e) {
            throw new UserException(ExitCodes.BAD_INPUT, file + ": permission denied; make the file readable.");
        } catch (IOException e) {
            throw new UserException(ExitCodes.BAD_INPUT, file + ": cannot open it (" + e.getMessage() + ").");
        }
    }

    /** @throws UserException with {@link ExitCodes#BAD_INPUT} naming the file and the problem */
    public static void check(Path file) {
        if (Files.isDirectory(file)) {
            throw new UserException(ExitCodes.BAD_INPUT, file + ": is a directory, expected a CSV file in the UCI"
                    + " Air Quality format; give the path of the file itself.");
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new UserException(ExitCodes.BAD_INPUT, file + ": is not a regular file; give the path of a CSV file.");
        }
        try (LineReader lines = open(file)) {
            String header = lines.next();
            if (header == null || header.isBlank() && lines.next() == null) {
                throw new UserException(ExitCodes.BAD_INPUT, file + ": the file is empty, expected the UCI header "
                        + HeaderCheck.shorten(UciFormat.HEADER_LINE, 60) + " and data rows.");
            }
            String problem = HeaderCheck.problem(header);
            if (problem != null) {
                throw new UserException(ExitCodes.BAD_INPUT, file + ":" + problem);
            }
            String line;
            while ((line = lines.next()) != null) {
                if (!UciFormat.isEmptyRow(line)) {
                    return;
                }
            }
            throw new UserException(ExitCodes.BAD_INPUT, file + ": has the header but no data rows"
                    + " (only " + (lines.lineNumber() - 1) + " empty line(s) after it); nothing to replay.");
        } catch (IOException e) {
            throw new UserException(ExitCodes.BAD_INPUT, file + ": cannot read it (" + e.getMessage() + ").");
        }
    }
}
