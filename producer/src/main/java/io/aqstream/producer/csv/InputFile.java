package io.aqstream.producer.csv;

import io.aqstream.common.cli.Plural;
import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.UserException;
import io.aqstream.common.format.FormatProfile;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A CSV file opened once and checked before any connection to Kafka, so that a wrong file sends nothing:
 * it exists, is a readable regular file, is not empty, starts with its format's header and has at least one
 * data row. The check reads only up to the first data row; {@link #lines()} then reads the same open file
 * again from its first line.
 */
public final class InputFile implements Closeable {
    private final SeekableByteChannel channel;

    private InputFile(SeekableByteChannel channel) {
        this.channel = channel;
    }

    /**
     * Opens the file and checks it.
     *
     * @throws UserException with {@link ExitCodes#BAD_INPUT} naming the file and the problem
     */
    public static InputFile openChecked(Path file, FormatProfile format) {
        SeekableByteChannel channel = openChannel(file);
        try {
            check(file, format, reader(Channels.newInputStream(channel)));
            return new InputFile(channel);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /**
     * The first line of a file (byte-order mark removed), or {@code null} when it is empty: what format
     * detection looks at.
     */
    public static String firstLine(Path file) {
        try (LineReader lines = reader(Channels.newInputStream(openChannel(file)))) {
            return lines.next();
        } catch (IOException e) {
            throw new UserException(ExitCodes.BAD_INPUT, file + ": cannot read it (" + e.getMessage() + ").");
        }
    }

    private static SeekableByteChannel openChannel(Path file) {
        if (Files.isDirectory(file)) {
            throw new UserException(ExitCodes.BAD_INPUT, file + ": is a directory, expected a CSV file"
                    + "; give the path of the file itself.");
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new UserException(ExitCodes.BAD_INPUT, file + ": is not a regular file; give the path of a CSV file.");
        }
        try {
            return Files.newByteChannel(file);
        } catch (IOException e) {
            throw cannotOpen(file, e);
        }
    }

    /** Opens a file to read its lines, without the checks (tests and benchmarks). */
    public static LineReader open(Path file) {
        try {
            return reader(Files.newInputStream(file));
        } catch (IOException e) {
            throw cannotOpen(file, e);
        }
    }

    /** The file from its first line (the header) again; closing the reader closes the file. */
    public LineReader lines() throws IOException {
        channel.position(0);
        return reader(Channels.newInputStream(channel));
    }

    /** The file's size in bytes, or 0 when unknown (for progress only). */
    public long size() {
        try {
            return channel.size();
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }

    private static void check(Path file, FormatProfile format, LineReader lines) {
        try {
            String header = lines.next();
            if (header == null || header.isBlank() && lines.next() == null) {
                throw new UserException(ExitCodes.BAD_INPUT, file + ": the file is empty, expected the " + format.name()
                        + " header " + HeaderCheck.shorten(format.headerLine(), 60) + " and data rows.");
            }
            String problem = HeaderCheck.problem(format, header);
            if (problem != null) {
                throw new UserException(ExitCodes.BAD_INPUT, file + ":" + problem);
            }
            FieldSplitter splitter = new FieldSplitter(format);
            String line;
            while ((line = lines.next()) != null) {
                if (!isEmptyRow(splitter, line)) {
                    return;
                }
            }
            throw new UserException(ExitCodes.BAD_INPUT, file + ": has the header but no data rows"
                    + " (only " + Plural.count(lines.lineNumber() - 1, "empty line") + " after it); nothing to replay.");
        } catch (IOException e) {
            throw new UserException(ExitCodes.BAD_INPUT, file + ": cannot read it (" + e.getMessage() + ").");
        }
    }

    /** A line with no data: empty, blanks, or only separators (the UCI file ends with 114 of them). */
    static boolean isEmptyRow(FieldSplitter splitter, String line) {
        try {
            for (String cell : splitter.split(line)) {
                if (!cell.isBlank()) {
                    return false;
                }
            }
            return true;
        } catch (RowException e) {
            return false; // broken quoting is data, reported when the row is parsed
        }
    }

    private static LineReader reader(InputStream in) {
        return new LineReader(new BufferedInputStream(in, 64 * 1024));
    }

    private static UserException cannotOpen(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new UserException(ExitCodes.BAD_INPUT, file + ": no such file. Give the path of a CSV in a known"
                    + " format (e.g. data/AirQualityUCI.csv, shipped with the project), or make one with"
                    + " bin/generate.");
        }
        if (e instanceof AccessDeniedException) {
            return new UserException(ExitCodes.BAD_INPUT, file + ": permission denied; make the file readable.");
        }
        return new UserException(ExitCodes.BAD_INPUT, file + ": cannot open it (" + e.getMessage() + ").");
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // read-only: nothing is lost
        }
    }
}
