package io.aqstream.launcher;

import java.nio.file.Path;

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

    @Override
    public void close() {
        if (saved == null) {
            System.clearProperty(LaunchSettings.HOME);
        } else {
            System.setProperty(LaunchSettings.HOME, saved);
        }
    }
}
