package io.aqstream.common.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

/**
 * Application class-data sharing (AppCDS) for each command's JVM: the classes a command loaded on an
 * earlier run are mapped from an archive instead of being read from the jars, parsed and verified again,
 * which is most of a short command's start-up on a busy 2-core laptop (bench/node-startup, docs/benchmarks.md).
 *
 * <p>The scheme, the same as bin/lib/aq.sh's {@code aq_cds_options} (keep the two in step): one archive per
 * command, {@code dist/target/cds/COMMAND.jsa} (build output: git-ignored, deleted by every build). A
 * command's first run writes it when its JVM exits ({@code -XX:ArchiveClassesAtExit}, Java 17's dynamic
 * archive; about a second); later runs map it ({@code -XX:SharedArchiveFile}). An archive older than any jar
 * of the classpath is deleted and written again. Why a stale or broken archive is harmless: the JVM checks
 * the archive's header and the classpath (jar sizes and times) and, when they do not match, runs without it;
 * {@code -Xlog:cds=off,cds+dynamic=off} keeps its warning off stdout. Only for the runtime classpath of
 * dist/target/lib (bin/ and the pipeline's steps); {@code java -jar aq-stream.jar} runs without. A node
 * started by a launcher (--daemon, the cluster, bin/pipeline) has an archive of its own, {@code kraft-node.jsa}:
 * the launcher's start-kraft.jsa holds only what the launcher loaded.
 */
public final class ClassDataSharing {
    public static final String QUIET = "-Xlog:cds=off,cds+dynamic=off";

    private ClassDataSharing() {
    }

    /** Whether a JVM option is one of these archive options (to drop a launcher's before giving a node its own). */
    public static boolean isArchiveOption(String option) {
        return option.equals(QUIET) || option.startsWith("-XX:SharedArchiveFile=")
                || option.startsWith("-XX:ArchiveClassesAtExit=");
    }

    /** The archive options for a JVM of {@code command} on {@code classPath}; none when it does not apply. */
    public static List<String> options(Path home, String command, String classPath) {
        Path lib = home.resolve("dist").resolve("target").resolve("lib").toAbsolutePath().normalize();
        if ("0".equals(System.getenv("AQ_CDS")) || !onlyJarsOf(classPath, lib)) {
            return List.of();
        }
        Path dir = lib.resolveSibling("cds");
        Path archive = dir.resolve(command + ".jsa");
        try {
            if (Files.isRegularFile(archive) && !olderThanAJar(archive, lib)) {
                return List.of(QUIET, "-XX:SharedArchiveFile=" + archive);
            }
            Files.createDirectories(dir);
            Files.deleteIfExists(archive); // stale; the JVM writes the new one at exit
        } catch (IOException e) {
            return List.of(); // a read-only project: run without
        }
        return List.of(QUIET, "-XX:ArchiveClassesAtExit=" + archive);
    }

    private static boolean onlyJarsOf(String classPath, Path lib) {
        if (classPath == null || classPath.isBlank()) {
            return false;
        }
        for (String entry : classPath.split(java.io.File.pathSeparator)) {
            Path p = Path.of(entry).toAbsolutePath().normalize();
            if (!lib.equals(p.getParent())) { // a jar of lib/, or lib/* as bin/ passes it
                return false;
            }
        }
        return true;
    }

    private static boolean olderThanAJar(Path archive, Path lib) throws IOException {
        FileTime written = Files.getLastModifiedTime(archive);
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(lib, "*.jar")) {
            for (Path jar : jars) {
                if (Files.getLastModifiedTime(jar).compareTo(written) > 0) {
                    return true;
                }
            }
        }
        return false;
    }
}
