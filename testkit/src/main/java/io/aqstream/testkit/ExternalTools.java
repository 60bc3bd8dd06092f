package io.aqstream.testkit;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Programs from the operating system that tests use as real, independent Kafka clients (Debian's kcat and
 * python3-confluent-kafka) and a real browser (Debian's chromium). Missing, they skip the test locally and fail
 * it under CI=true, where .ci/run installs them.
 */
public final class ExternalTools {
    /** Debian's own interpreter: dist-packages (python3-confluent-kafka) are on its path, not pyenv's. */
    public static final Path SYSTEM_PYTHON = Paths.get("/usr/bin/python3");

    private static Path consumeScript;

    private ExternalTools() {
    }

    /** The kcat executable on PATH. */
    public static Path kcat() {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (dir.isEmpty()) {
                    continue;
                }
                Path candidate = Paths.get(dir, "kcat");
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return missing("kcat is not on PATH (Debian/Ubuntu: apt-get install kcat)");
    }

    /** Debian's chromium, which opens bin/aq-report's page headless. */
    public static Path chromium() {
        for (String name : new String[] {"/usr/bin/chromium", "/usr/bin/chromium-browser"}) {
            Path candidate = Paths.get(name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return missing("chromium is not installed (Debian/Ubuntu: apt-get install chromium)");
    }

    /** /usr/bin/python3, once it is known to import confluent_kafka. */
    public static Path pythonWithConfluentKafka() throws IOException, InterruptedException {
        if (!Files.isExecutable(SYSTEM_PYTHON)) {
            return missing(SYSTEM_PYTHON + " is missing (Debian/Ubuntu: apt-get install python3-confluent-kafka)");
        }
        Process p = new ProcessBuilder(SYSTEM_PYTHON.toString(), "-c", "import confluent_kafka")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(2, TimeUnit.MINUTES)) { // a hang guard only
            p.destroyForcibly();
            throw new AssertionError(SYSTEM_PYTHON + " -c 'import confluent_kafka' did not finish");
        }
        if (p.exitValue() != 0) {
            return missing(SYSTEM_PYTHON + " cannot import confluent_kafka"
                    + " (Debian/Ubuntu: apt-get install python3-confluent-kafka)");
        }
        return SYSTEM_PYTHON;
    }

    /**
     * The confluent-kafka consumer script the tests run with {@link #pythonWithConfluentKafka()} (its usage is in
     * its docstring), copied out of the classpath once, since testkit may be a jar.
     */
    public static synchronized Path confluentKafkaConsumeScript() throws IOException {
        if (consumeScript == null) {
            Path file = Files.createTempFile("confluent_kafka_consume", ".py");
            file.toFile().deleteOnExit();
            try (InputStream in = Objects.requireNonNull(ExternalTools.class.getResourceAsStream(
                    "confluent_kafka_consume.py"), "the script resource")) {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
            consumeScript = file;
        }
        return consumeScript;
    }

    private static <T> T missing(String message) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(message + "; under CI=true it must be installed (.ci/run installs it)");
        }
        Assumptions.abort(message);
        throw new IllegalStateException("unreachable");
    }
}
