package io.aqstream.launcher;

import io.aqstream.common.cli.ExitCodes;
import java.io.PrintStream;

/**
 * The entry point of every command: bin/'s scripts, bin\windows\*.cmd and {@code java -jar aq-stream.jar} (its
 * Main-Class). It checks that this JVM is Java 17 or newer, then hands over to {@link AqStream}.
 *
 * <p>Compiled for Java 8, unlike every other class (launcher/pom.xml), so that an older Java can run it and say what
 * to install: otherwise it fails to load AqStream with an UnsupportedClassVersionError and a stack trace, as
 * {@code java -jar aq-stream.jar} did on Java 8 to 16 and bin\windows\*.cmd on Java 9 to 16 (Java 8 stops before
 * this class there: it does not read the {@code @conf/jvm/COMMAND.options} argument file). bin/lib/aq.sh checks the
 * version itself, before its build and its options, once per java binary, with the same message as {@link #tooOld}
 * (keep the two in step). Java 8 source: no {@code var}, no newer API.
 */
public final class JavaVersionCheck {
    /** The oldest Java the project runs on (the root pom's release and its enforcer rule). */
    static final int OLDEST = 17;

    private JavaVersionCheck() {
    }

    public static void main(String[] args) {
        String version = System.getProperty("java.specification.version");
        if (!isSupported(version)) {
            System.exit(refuse(version, System.getProperty("java.home"), System.err));
        }
        // The JVM resolves this call, and so loads AqStream, only when it runs it: after the check.
        AqStream.main(args);
    }

    /** Whether {@code specVersion} (java.specification.version: "1.8", "11", "17", "25") is Java 17 or newer. */
    static boolean isSupported(String specVersion) {
        if (specVersion == null) {
            return false;
        }
        String feature = specVersion.startsWith("1.") ? specVersion.substring(2) : specVersion;
        int dot = feature.indexOf('.');
        try {
            return Integer.parseInt(dot < 0 ? feature : feature.substring(0, dot)) >= OLDEST;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Prints the one-line error for a Java older than 17 and returns its exit code. */
    static int refuse(String specVersion, String javaHome, PrintStream err) {
        err.println("error: " + tooOld(specVersion, javaHome));
        return ExitCodes.ENVIRONMENT;
    }

    static String tooOld(String specVersion, String javaHome) {
        return "Java " + (specVersion == null ? "unknown" : specVersion) + " found at " + javaHome
                + ", but aq-stream needs Java " + OLDEST + " or newer. Install a JDK " + OLDEST
                + " and set JAVA_HOME to it.";
    }
}
