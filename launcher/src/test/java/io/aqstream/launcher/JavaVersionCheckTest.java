package io.aqstream.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqstream.common.cli.ExitCodes;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JavaVersionCheckTest {
    @Test
    void java17AndNewerRunOlderOnesDoNot() {
        for (String spec : new String[] {"17", "21", "25", "17.0.1"}) {
            assertTrue(JavaVersionCheck.isSupported(spec), spec);
        }
        for (String spec : new String[] {"1.8", "9", "11", "16", "", "x", null}) {
            assertFalse(JavaVersionCheck.isSupported(spec), String.valueOf(spec));
        }
    }

    @Test
    void anOlderJavaGetsOneLineThatSaysWhatToInstallAndExitCode5() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = JavaVersionCheck.refuse("11", "/usr/lib/jvm/java-11", new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(ExitCodes.ENVIRONMENT, code);
        assertEquals("error: Java 11 found at /usr/lib/jvm/java-11, but aq-stream needs Java 17 or newer. Install a JDK 17"
                + " and set JAVA_HOME to it." + System.lineSeparator(), err.toString(StandardCharsets.UTF_8));
    }

    /** Only a class that Java 8 can load can tell a Java 8 or 11 user what to install: version 52, not 61. */
    @Test
    void theEntryPointIsJava8BytecodeAndEverythingElseJava17() throws IOException {
        assertEquals(52, majorVersion(JavaVersionCheck.class));
        assertEquals(61, majorVersion(AqStream.class));
    }

    private static int majorVersion(Class<?> type) throws IOException {
        try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
            DataInputStream data = new DataInputStream(in);
            assertEquals(0xCAFEBABE, data.readInt());
            data.readUnsignedShort(); // minor
            return data.readUnsignedShort();
        }
    }
}
