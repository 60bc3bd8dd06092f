package io.aqstream.benchkit;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * The child JVMs the node benchmarks start (a node, a replay): this JVM's java and classpath, the benchmark's
 * JVM options, the node's log settings, and all output appended to {@code dir/node.out}. One definition, so
 * the secure and the start-up benchmarks time nodes started the same way.
 */
final class BenchJvm {
    private BenchJvm() {
    }

    /** @param extra options placed right after the benchmark's own, e.g. class-data sharing */
    static List<String> command(Path home, List<String> jvmOptions, List<String> extra, Path dir, String mainClass) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.addAll(extra);
        cmd.add("-Daq.logs.dir=" + dir.resolve("logs"));
        cmd.add("-Daq.component=server");
        cmd.add("-Dlog4j2.configurationFile=" + home.resolve("conf/log4j2.xml"));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        return cmd;
    }

    static ProcessBuilder builder(List<String> cmd, Path dir) {
        return new ProcessBuilder(new ArrayList<>(cmd)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("node.out").toFile()));
    }
}
