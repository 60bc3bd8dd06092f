package io.aqstream.launcher;

import io.aqstream.testkit.RepoFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A project folder of the test's own as {@code aq.home}, for commands run in-process (they find conf/ and
 * data/ from it); {@link #close} puts the previous value back, so other tests in the JVM are unaffected.
 */
final class ProjectHome implements AutoCloseable {
    private final String saved;

    private ProjectHome(Path home) {
        saved = System.getProperty(LaunchSettings.HOME);
        System.setProperty(LaunchSettings.HOME, home.toString());
    }

    static ProjectHome at(Path home) {
        return new ProjectHome(home);
    }

    /**
     * Copies the project's whole conf/ (JVM options, formats, topics, logging) into {@code home}, for a test
     * that then moves the node or cluster to free ports; returns the project's own conf/ folder.
     */
    static Path copyProjectConf(Path home) throws IOException {
        Path conf = RepoFiles.root().resolve("conf");
        try (Stream<Path> files = Files.walk(conf)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path copy = home.resolve("conf").resolve(conf.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(p, copy);
                }
            }
        }
        return conf;
    }

    @Override
    public void close() {
        if (saved == null) {
            System.clearProperty(LaunchSettings.HOME);
        } else {
            System.setProperty(LaunchSettings.HOME, saved);
        }
    }
}
