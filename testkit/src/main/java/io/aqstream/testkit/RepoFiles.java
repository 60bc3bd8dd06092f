package io.aqstream.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Assumptions;

/** Locates the repository and the shared real data set from a test running in any module. */
public final class RepoFiles {
    private RepoFiles() {
    }

    /** The repository root: the nearest folder upwards from the working directory with bin/ and conf/. */
    public static Path root() {
        Path dir = Paths.get("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("conf")) && Files.isDirectory(p.resolve("bin"))
                    && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the aq-stream repository above " + dir);
    }

    /**
     * The real UCI file at {@code ../shared/data/AirQualityUCI.csv} beside the repository (or
     * {@code AQ_REAL_CSV}). Its absence aborts the test locally, and fails it under {@code CI=true},
     * where the file is always provided.
     */
    public static Path realCsv() {
        String override = System.getenv("AQ_REAL_CSV");
        Path csv = override != null && !override.isBlank()
                ? Paths.get(override)
                : root().getParent().resolve("shared/data/AirQualityUCI.csv");
        if (!Files.isRegularFile(csv)) {
            String message = "the real data set is not at " + csv + " (set AQ_REAL_CSV to its path)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(message + "; under CI=true it must be present");
            }
            Assumptions.abort(message);
        }
        return csv;
    }

    /**
     * The 12 real Beijing Multi-Site files at {@code ../shared/data/beijing/} beside the repository (or
     * {@code AQ_BEIJING_DIR}); never copied into the repository. Missing: aborts locally, fails under {@code CI=true}.
     */
    public static Path beijingDir() {
        String override = System.getenv("AQ_BEIJING_DIR");
        Path dir = override != null && !override.isBlank()
                ? Paths.get(override)
                : root().getParent().resolve("shared/data/beijing");
        if (!Files.isRegularFile(dir.resolve("PRSA_Data_Aotizhongxin_20130301-20170228.csv"))) {
            String message = "the Beijing data set is not at " + dir + " (set AQ_BEIJING_DIR to its folder)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(message + "; under CI=true it must be present");
            }
            Assumptions.abort(message);
        }
        return dir;
    }

    /** One station's real Beijing file, e.g. {@code beijingFile("Dongsi")}. */
    public static Path beijingFile(String station) {
        return beijingDir().resolve("PRSA_Data_" + station + "_20130301-20170228.csv");
    }
}
