package io.aqstream.e2e;

import io.aqstream.testkit.BinScript;
import io.aqstream.testkit.KraftTestNode;
import io.aqstream.testkit.RepoFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One run of bin/pipeline on the real data set, shared by every e2e test class in the JVM: a real node
 * (testkit's {@link KraftTestNode}) is started once, bin/pipeline replays the real CSV into it and
 * consumes it into a temporary output folder, and the node stays up so that clients can read the topic
 * afterwards. Both are stopped and deleted when the whole test run ends.
 *
 * <pre>{@code
 * @ExtendWith(RealFilePipeline.Resolver.class)
 * class SomeTest {
 *     static RealFilePipeline pipeline;
 *     @BeforeAll static void run(RealFilePipeline p) { pipeline = p; p.assertSucceeded(); }
 * }
 * }</pre>
 *
 * <p>Without the real file every class using it is skipped locally and fails under CI=true
 * ({@link RepoFiles#realCsv()}).
 */
final class RealFilePipeline implements AutoCloseable {
    /**
     * Guards against a hang only; never a performance expectation. Beijing has 45 times the UCI file's rows: on
     * a 2-core machine loaded ~100 by other builds its replay alone took over 10 minutes.
     */
    private static final long UCI_TIMEOUT_MINUTES = 10;
    private static final long BEIJING_TIMEOUT_MINUTES = 30;

    private final Path csv;
    private final Path dir;
    private KraftTestNode node;
    private Throwable failure;
    private boolean finished;
    private int exitCode = -1;
    private String stdout = "";
    private String stderr = "";

    private final long timeoutMinutes;

    private RealFilePipeline(Path csv, long timeoutMinutes) {
        this.csv = csv;
        this.timeoutMinutes = timeoutMinutes;
        try {
            this.dir = Files.createTempDirectory("aq-e2e-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            node = KraftTestNode.start(dir.resolve("node"));
            runPipeline();
        } catch (Throwable t) { // recorded once, reported by every class that uses this run
            failure = t;
        }
    }

    private void runPipeline() throws IOException, InterruptedException {
        BinScript.Result run = BinScript.run(dir, timeoutMinutes, "pipeline", List.of("--file", csv.toString(),
                "--output", output().toString(), "--bootstrap-server", node.bootstrapServers()));
        finished = run.finished();
        exitCode = run.exitCode();
        stdout = run.out();
        stderr = run.err();
    }

    /** Fails (with the pipeline's output) unless the node started and bin/pipeline exited 0. */
    void assertSucceeded() {
        if (failure != null) {
            throw new AssertionError("the shared pipeline run failed to start: " + failure, failure);
        }
        if (!finished) {
            throw new AssertionError("bin/pipeline did not finish within " + timeoutMinutes
                    + " minutes\nstdout:\n" + stdout + "\nstderr:\n" + stderr);
        }
        if (exitCode != 0) {
            throw new AssertionError("bin/pipeline exited " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr);
        }
    }

    /** The real CSV (or folder of them) that was replayed. */
    Path csv() {
        return csv;
    }

    /** The --output folder of the run (the Parquet is in its topic's subfolder: air-quality-data/ for the UCI file). */
    Path output() {
        return dir.resolve("processed");
    }

    /** The logs/ folder of the run's commands (consumer.log holds every consumer process's lines, by pid). */
    Path logs() {
        return dir.resolve("logs");
    }

    /** The node the pipeline wrote to; still running. */
    KraftTestNode node() {
        return node;
    }

    /** A scratch folder for one test's own files, inside this run's temporary folder. */
    Path scratch(String name) throws IOException {
        return Files.createDirectories(dir.resolve("scratch").resolve(name));
    }

    String stdout() {
        return stdout;
    }

    String stderr() {
        return stderr;
    }

    @Override
    public void close() throws IOException {
        try {
            if (node != null) {
                node.close();
            }
        } finally {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** The run of bin/pipeline --file on the 12 real Beijing station files, shared like the UCI file's. */
    record Beijing(RealFilePipeline run) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            run.close();
        }
    }

    /**
     * Resolves a {@link Beijing} parameter to the one bin/pipeline run on the Beijing folder of the whole test
     * run, as {@link Resolver} does for the UCI file: the 420,768 rows are produced and consumed once.
     */
    static final class BeijingResolver implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == Beijing.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            Path folder = RepoFiles.beijingDir(); // skips (locally) or fails (CI) this class before anything starts
            return context.getRoot().getStore(ExtensionContext.Namespace.create(RealFilePipeline.class))
                    .getOrComputeIfAbsent(Beijing.class, k -> new Beijing(new RealFilePipeline(folder, BEIJING_TIMEOUT_MINUTES)), Beijing.class);
        }
    }

    /**
     * Resolves a {@link RealFilePipeline} parameter (e.g. of a static {@code @BeforeAll} method) to the run
     * shared by the whole test run, starting it on first use. It lives in the root context's store, which
     * closes it (node stopped, folder deleted) after the last test class.
     */
    static final class Resolver implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == RealFilePipeline.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            Path csv = RepoFiles.realCsv(); // skips (locally) or fails (CI) this class before anything starts
            return context.getRoot().getStore(ExtensionContext.Namespace.create(RealFilePipeline.class))
                    .getOrComputeIfAbsent(RealFilePipeline.class, k -> new RealFilePipeline(csv, UCI_TIMEOUT_MINUTES), RealFilePipeline.class);
        }
    }
}
