package io.aqstream.launcher;

import io.aqstream.common.cli.LogBinding;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Optional;

/**
 * The system properties every command's JVM expects, set before anything logs: where the project is
 * ({@code aq.home}: conf/, data/, logs/ and processed_data/ are found from it), which log file to write
 * ({@code aq.component}, {@code aq.logs.dir}), whether the log also goes to the console
 * ({@code aq.console.level}), where Log4j's configuration is, and SLF4J's binding ({@link LogBinding}). A
 * property given with {@code -D} wins, so scripts and tests can still choose.
 *
 * <p>Environment: {@code AQ_LOGS_DIR} (default: logs/ of the project), {@code AQ_CONSOLE_LEVEL} (default OFF;
 * {@code -v} on any command means INFO).
 */
final class LaunchSettings {
    static final String HOME = "aq.home";

    private LaunchSettings() {
    }

    static void apply(AqCommand command, String[] args) {
        Path home = home();
        setIfAbsent(HOME, home.toString());
        setIfAbsent("aq.component", command.component);
        setIfAbsent("aq.logs.dir", Optional.ofNullable(System.getenv("AQ_LOGS_DIR"))
                .orElse(home.resolve("logs").toString()));
        boolean verbose = Arrays.stream(args).anyMatch(a -> a.equals("-v") || a.equals("--verbose"));
        setIfAbsent("aq.console.level", verbose ? "INFO"
                : Optional.ofNullable(System.getenv("AQ_CONSOLE_LEVEL")).orElse("OFF"));
        Path log4j = home.resolve("conf").resolve("log4j2.xml");
        if (Files.isRegularFile(log4j)) {
            setIfAbsent("log4j2.configurationFile", log4j.toString());
        }
        LogBinding.apply();
    }

    /**
     * The project folder: {@code aq.home} when given, else the first folder above this jar (or classes
     * folder) that holds conf/server.properties, so that {@code java -jar dist/target/aq-stream.jar} works
     * from any current folder; else the current folder.
     */
    static Path home() {
        String given = System.getProperty(HOME);
        if (given != null && !given.isBlank()) {
            return Paths.get(given).toAbsolutePath().normalize();
        }
        try {
            Path code = Paths.get(AqStream.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path dir = code; dir != null; dir = dir.getParent()) {
                if (Files.isRegularFile(dir.resolve("conf").resolve("server.properties"))) {
                    return dir.toAbsolutePath().normalize();
                }
            }
        } catch (URISyntaxException | RuntimeException e) {
            // No code source (an unusual class loader): fall back to the current folder.
        }
        return Paths.get("").toAbsolutePath();
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
