package io.aqstream.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqstream.testkit.BinScript;
import io.aqstream.testkit.RepoFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/lib/aq.sh's Java check as a user meets it: an older Java is refused in one line before anything runs, and a
 * Java that passed is not asked again (a JVM start per command) until the binary behind it changes. Runs the
 * scripts from a copy of bin/ and conf/jvm/ in a temp project, so the remembered answer stays in that copy.
 */
class JavaVersionScriptTest {
    private static final long HANG_GUARD_MINUTES = 2;
    @TempDir
    Path dir;
    private Path home;

    @BeforeEach
    void copyTheScripts() throws IOException {
        home = dir.resolve("project");
        copyTree(RepoFiles.root().resolve("bin"), home.resolve("bin"));
        copyTree(RepoFiles.root().resolve("conf/jvm"), home.resolve("conf/jvm"));
    }

    @Test
    void anOlderJavaIsRefusedInOneLineWithExitCode5AndNotRemembered() throws Exception {
        Path javaHome = fakeJava("old-java", "echo '    java.specification.version = 11' >&2\n"
                + "echo 'openjdk version \"11.0.25\" 2024-10-15' >&2\n");

        for (int run = 1; run <= 2; run++) {
            BinScript.Result result = stopKraftHelp(javaHome);
            assertEquals(5, result.exitCode(), result.toString());
            assertEquals("error: Java 11 found at " + javaHome.resolve("bin/java") + ", but aq-stream needs Java 17 or"
                    + " newer. Install a JDK 17 and set JAVA_HOME to it.\n", result.err());
            assertEquals("", result.out());
            assertFalse(Files.exists(remembered()), "an old Java must not be remembered as checked");
        }
    }

    @Test
    void aJavaThatPassedIsNotAskedAgainUntilTheBinaryChanges() throws Exception {
        Path calls = dir.resolve("java-calls.txt");
        Path realJava = Path.of(System.getProperty("java.home"), "bin", "java");
        Path javaHome = fakeJava("java-17", "echo \"$*\" >> '" + calls + "'\nexec '" + realJava + "' \"$@\"\n");

        BinScript.Result first = stopKraftHelp(javaHome);
        assertEquals(0, first.exitCode(), first.toString());
        assertEquals(1, versionChecks(calls), "the first run asks the JVM its version");
        assertTrue(Files.readString(remembered()).startsWith(javaHome.resolve("bin/java") + " "));

        BinScript.Result second = stopKraftHelp(javaHome);
        assertEquals(0, second.exitCode(), second.toString());
        assertEquals(1, versionChecks(calls), "the same binary is not asked again");

        // Another binary at the same path (an upgrade, update-alternatives): its time differs, so it is asked again.
        Files.setLastModifiedTime(javaHome.resolve("bin/java"), FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        BinScript.Result third = stopKraftHelp(javaHome);
        assertEquals(0, third.exitCode(), third.toString());
        assertEquals(2, versionChecks(calls), "a changed binary is asked again");
    }

    private Path remembered() {
        return home.resolve("dist/target/.aq-java-ok");
    }

    private static long versionChecks(Path calls) throws IOException {
        return Files.readAllLines(calls).stream().filter(line -> line.contains("-XshowSettings:properties")).count();
    }

    /** A JAVA_HOME whose bin/java is this shell script. */
    private Path fakeJava(String name, String script) throws IOException {
        Path javaHome = dir.resolve(name);
        Path java = javaHome.resolve("bin/java");
        Files.createDirectories(java.getParent());
        Files.writeString(java, "#!/bin/sh\n" + script, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return javaHome;
    }

    private BinScript.Result stopKraftHelp(Path javaHome) throws IOException, InterruptedException {
        BinScript.Result result = BinScript.run(home, dir.resolve("work"), HANG_GUARD_MINUTES, "stop-kraft",
                List.of("--help"), Map.of("JAVA_HOME", javaHome.toString()));
        assertTrue(result.finished(), "bin/stop-kraft --help hung");
        return result;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
