package io.aqstream.common.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A real child JVM, stopped with real signals: what bin/produce, bin/consume and bin/start-kraft rely on. */
class GracefulStopTest {
    /** The child: works until asked to stop, then takes 300 ms to finish (or never, with "hangs"). */
    public static final class Child {
        public static void main(String[] args) throws InterruptedException {
            AtomicBoolean stopRequested = new AtomicBoolean();
            GracefulStop graceful = GracefulStop.install("test-shutdown", Duration.ofMillis(Long.parseLong(args[0])),
                    () -> {
                        System.out.println("stop requested");
                        stopRequested.set(true);
                    });
            System.out.println("working");
            try {
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[2]));
                while (!stopRequested.get() && System.nanoTime() < until) {
                    Thread.sleep(10);
                }
                if (stopRequested.get() && args[1].equals("hangs")) {
                    Thread.sleep(60_000);
                }
                Thread.sleep(300);
                System.out.println("work finished");
            } finally {
                boolean removed = graceful.done(); // after a signal, the JVM may exit from here on
                System.out.println("hook removed: " + removed);
            }
        }
    }

    @Test
    void sigtermRunsTheActionAndTheExitWaitsUntilTheWorkIsDone() throws Exception {
        Result r = runAndSignal("TERM", "30000", "finishes");
        assertEquals(143, r.exitCode, r.output);
        assertTrue(r.output.startsWith("working\nstop requested\nwork finished\n"), r.output);
    }

    @Test
    void ctrlCExitsWith130() throws Exception {
        Result r = runAndSignal("INT", "30000", "finishes");
        assertEquals(130, r.exitCode, r.output);
        assertTrue(r.output.contains("work finished"), r.output);
    }

    @Test
    void theExitWaitsNoLongerThanTheGracePeriod() throws Exception {
        long start = System.nanoTime();
        Result r = runAndSignal("TERM", "500", "hangs");
        assertEquals(143, r.exitCode, r.output);
        assertTrue(r.output.contains("stop requested"), r.output);
        assertFalse(r.output.contains("work finished"), r.output);
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30), "waited for the hanging work");
    }

    @Test
    void workThatEndsByItselfRemovesTheHook() throws Exception {
        Process p = child("30000", "finishes", "0");
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), output);
        assertEquals("working\nwork finished\nhook removed: true\n", output);
    }

    private record Result(int exitCode, String output) {
    }

    private static Result runAndSignal(String signal, String graceMillis, String mode) throws Exception {
        Process p = child(graceMillis, mode, "60");
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder output = new StringBuilder();
        String first = out.readLine();
        output.append(first).append('\n');
        assertEquals("working", first);
        assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).inheritIO().start().waitFor());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the child did not exit after SIG" + signal);
        String line;
        while ((line = out.readLine()) != null) {
            output.append(line).append('\n');
        }
        return new Result(p.exitValue(), output.toString());
    }

    private static Process child(String graceMillis, String mode, String workSeconds) throws IOException {
        List<String> cmd = List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Child.class.getName(), graceMillis,
                mode, workSeconds);
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }
}
