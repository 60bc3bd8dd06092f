package io.aqstream.kraft;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProcessExitTest {
    @Test
    void aProcessThatEndedButWasNotReapedCountsAsEnded() throws Exception {
        assumeTrue(Files.isDirectory(Paths.get("/proc/self")), "zombies are told apart on Linux only");
        // The shell starts a short sleep, then becomes a long sleep, which never reaps it: the short one ends
        // as a zombie, as a daemon node does under an init that reaps late.
        Process parent = new ProcessBuilder("sh", "-c", "sleep 0.2 & echo $!; exec sleep 30").start();
        try {
            long pid;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(),
                    StandardCharsets.UTF_8))) {
                pid = Long.parseLong(out.readLine().trim());
            }
            ProcessHandle child = ProcessHandle.of(pid).orElseThrow();
            assertFalse(ProcessExit.ended(child), "the sleep runs");
            assertTrue(ProcessExit.await(child, Duration.ofSeconds(20)), "the ended sleep is seen as ended");
            assertTrue(ProcessExit.zombie(pid), "it is a zombie, not reaped");
            assertTrue(child.isAlive(), "which Java's own check still counts as alive");
        } finally {
            parent.destroyForcibly().waitFor();
        }
    }

    @Test
    void aProcessThatIsGoneHasEndedAndIsNoZombie() throws Exception {
        Process p = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        p.waitFor();
        assertTrue(ProcessExit.ended(p.toHandle()));
        assertFalse(ProcessExit.zombie(p.pid()));
        assertTrue(ProcessExit.await(p.toHandle(), Duration.ZERO));
    }
}
