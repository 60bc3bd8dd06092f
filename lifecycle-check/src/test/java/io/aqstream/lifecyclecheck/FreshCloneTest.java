package io.aqstream.lifecyclecheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqstream.testkit.KraftTestNode;
import io.aqstream.testkit.RepoFiles;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command on a fresh clone, on a machine with Java and nothing else: the project's files
 * (what git tracks) copied into an empty folder with no ../shared beside it, and a PATH without mvn. So
 * bin/pipeline must build with the Maven Wrapper, under the system shell, and replay the real file the
 * project ships. Its node runs on free ports (the copy's conf/server.properties is edited for that alone).
 */
class FreshCloneTest {
    private static final long HANG_GUARD_MINUTES = 20;

    @TempDir
    Path dir;

    @Test
    void bin_pipelineBuildsWithTheWrapperAndReplaysTheShippedFile() throws Exception {
        Path clone = copyOfTheProject(dir.resolve("aq-stream"));
        assertFalse(Files.exists(clone.resolveSibling("shared")), "no ../shared beside the clone");
        int[] ports = KraftTestNode.freePorts(2);
        Path config = clone.resolve("conf/server.properties");
        Files.writeString(config, Files.readString(config)
                .replace("127.0.0.1:9092", "127.0.0.1:" + ports[0]).replace("127.0.0.1:9093", "127.0.0.1:" + ports[1]));

        ProcessBuilder pb = new ProcessBuilder("sh", clone.resolve("bin/pipeline").toString()).directory(clone.toFile())
                .redirectOutput(dir.resolve("pipeline.out").toFile())
                .redirectError(dir.resolve("pipeline.err").toFile());
        pb.environment().remove("AQ_CLASSPATH");
        pb.environment().put("PATH", pathWithout("mvn", "mvnDebug").toString());
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            if (!p.waitFor(HANG_GUARD_MINUTES, TimeUnit.MINUTES)) { // a hang guard, not a timing expectation
                p.destroyForcibly();
                throw new AssertionError("bin/pipeline did not finish: " + read("pipeline.err"));
            }
            String out = read("pipeline.out");
            String err = read("pipeline.err");
            String both = "exit " + p.exitValue() + "\nstdout:\n" + out + "\nstderr:\n" + err;
            assertEquals(0, p.exitValue(), both);
            assertTrue(err.contains("aq-stream: building"), both);
            assertTrue(err.contains("pipeline: replaying data/AirQualityUCI.csv"), both);
            assertTrue(out.contains("9357") || out.contains("9,357"), "every real row in the summary: " + both);
            assertTrue(Files.isRegularFile(clone.resolve("dist/target/aq-stream.jar")), "the launcher jar was built");
            String buildLog = Files.readString(clone.resolve("logs/build.log"), StandardCharsets.UTF_8);
            assertFalse(buildLog.contains("\u001b["), "logs/build.log is plain text, no ANSI colour codes");
        } finally {
            ProcessBuilder stop = new ProcessBuilder("sh", clone.resolve("bin/stop-kraft").toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            stop.environment().put("AQ_SKIP_BUILD", "1");
            if (Files.isDirectory(clone.resolve("dist/target/lib"))) {
                stop.start().waitFor(3, TimeUnit.MINUTES);
            }
        }
    }

    /** What git has (tracked, plus new files not ignored): a clone of the working tree, uncommitted work included. */
    private static Path copyOfTheProject(Path target) throws IOException, InterruptedException {
        Path root = RepoFiles.root();
        Process git = new ProcessBuilder("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
                .directory(root.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String names = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, git.waitFor(), "git ls-files");
        for (String name : names.split("\0")) {
            Path source = root.resolve(name);
            if (name.isEmpty() || !Files.isRegularFile(source)) {
                continue; // deleted in the working tree
            }
            Path copy = target.resolve(name);
            Files.createDirectories(copy.getParent());
            Files.copy(source, copy, StandardCopyOption.COPY_ATTRIBUTES);
        }
        return target;
    }

    /** A PATH of links to every program on this PATH except {@code excluded}: "Maven is not installed". */
    private Path pathWithout(String... excluded) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("path-without-maven"));
        Set<String> seen = new HashSet<>(List.of(excluded));
        for (String entry : System.getenv("PATH").split(File.pathSeparator)) {
            if (entry.isEmpty() || !Files.isDirectory(Paths.get(entry))) {
                continue;
            }
            try (Stream<Path> programs = Files.list(Paths.get(entry))) {
                for (Path program : (Iterable<Path>) programs::iterator) {
                    String name = program.getFileName().toString();
                    if (Files.isExecutable(program) && !Files.isDirectory(program) && seen.add(name)) {
                        Files.createSymbolicLink(bin.resolve(name), program.toAbsolutePath());
                    }
                }
            }
        }
        return bin;
    }

    private String read(String name) throws IOException {
        return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
    }
}
