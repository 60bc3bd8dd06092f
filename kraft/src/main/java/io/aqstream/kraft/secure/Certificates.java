package io.aqstream.kraft.secure;

import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.UserException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The TLS material of the secure profile, made with the JDK's own {@code keytool} (no OpenSSL): a CA
 * (kept in {@code ca.p12}, to sign more certificates later), its certificate as {@code ca.pem} (what
 * clients trust), and the node's key and certificate, signed by the CA, in {@code node.p12} (PKCS12,
 * whose key password is the store password). The store password reaches keytool through its
 * environment ({@code -storepass:env}), never its command line, so {@code ps} does not show it.
 */
public final class Certificates {
    /** How long the CA and node certificates are valid: about two years, then start afresh (docs/security.md). */
    public static final int VALIDITY_DAYS = 825;
    /** The names a client may use for the node: the node listens on loopback only. */
    public static final String NODE_SAN = "dns:localhost,ip:127.0.0.1";
    public static final String CA_PEM = "ca.pem";
    public static final String CA_STORE = "ca.p12";
    public static final String NODE_STORE = "node.p12";
    private static final String PASSWORD_ENV = "AQ_KEYTOOL_STOREPASS";
    private static final long KEYTOOL_TIMEOUT_SECONDS = 120;

    private final Path dir;
    private final String storePassword;

    public Certificates(Path dir, String storePassword) {
        this.dir = dir;
        this.storePassword = storePassword;
    }

    /** True when the CA and the node's store exist (they are made once). */
    public boolean exist() {
        return Files.isRegularFile(dir.resolve(CA_PEM)) && Files.isRegularFile(dir.resolve(NODE_STORE))
                && Files.isRegularFile(dir.resolve(CA_STORE));
    }

    /** Makes a new CA and a node certificate for {@link #NODE_SAN}. */
    public void create() {
        createCa();
        createSigned(NODE_STORE, "localhost", NODE_SAN);
    }

    /** A new CA: {@code ca.p12} (its key) and {@code ca.pem} (its certificate). */
    public void createCa() {
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=aq-stream local CA",
                "-validity", Integer.toString(VALIDITY_DAYS), "-ext", "bc:c=ca:true,pathlen:0",
                "-ext", "KU=keyCertSign,cRLSign", "-keystore", store(CA_STORE), "-storetype", "PKCS12");
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", store(CA_STORE), "-file", dir.resolve(CA_PEM).toString());
    }

    /**
     * A key and a certificate for {@code san} (keytool's SAN syntax), signed by this folder's CA, with the CA
     * certificate before it in the chain, into the PKCS12 store {@code storeName}.
     */
    public void createSigned(String storeName, String commonName, String san) {
        Path csr = dir.resolve(storeName + ".csr");
        Path crt = dir.resolve(storeName + ".crt");
        try {
            keytool("-genkeypair", "-alias", "node", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=" + commonName,
                    "-validity", Integer.toString(VALIDITY_DAYS), "-keystore", store(storeName), "-storetype", "PKCS12");
            keytool("-certreq", "-alias", "node", "-keystore", store(storeName), "-file", csr.toString());
            keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", store(CA_STORE), "-infile", csr.toString(),
                    "-outfile", crt.toString(), "-validity", Integer.toString(VALIDITY_DAYS), "-ext", "SAN=" + san,
                    "-ext", "EKU=serverAuth,clientAuth", "-ext", "KU=digitalSignature,keyEncipherment");
            keytool("-importcert", "-noprompt", "-alias", "ca", "-keystore", store(storeName), "-file",
                    dir.resolve(CA_PEM).toString());
            keytool("-importcert", "-alias", "node", "-keystore", store(storeName), "-file", crt.toString());
        } finally {
            deleteQuietly(csr);
            deleteQuietly(crt);
        }
    }

    private String store(String name) {
        return dir.resolve(name).toString();
    }

    private void keytool(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "keytool").toString());
        // A short-lived JVM: start it the cheap way (seconds saved per call on a busy machine).
        command.addAll(List.of("-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC", "-J-Xmx64m"));
        command.addAll(List.of(args));
        command.addAll(List.of("-storepass:env", PASSWORD_ENV));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put(PASSWORD_ENV, storePassword);
        try {
            Process p = builder.start();
            p.getOutputStream().close();
            byte[] output = p.getInputStream().readAllBytes();
            if (!p.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new UserException(ExitCodes.ENVIRONMENT, "keytool " + args[0] + " failed while making the secure"
                        + " profile's certificates in " + dir + ": " + new String(output, StandardCharsets.UTF_8).trim()
                        + ". Delete that folder and start again.");
            }
        } catch (IOException e) {
            throw new UserException(ExitCodes.ENVIRONMENT, "cannot run keytool of " + System.getProperty("java.home")
                    + " (" + e.getMessage() + "): the secure profile makes its certificates with the JDK's keytool;"
                    + " run with a full JDK.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserException(ExitCodes.INTERRUPTED, "interrupted while making certificates in " + dir);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover request or certificate holds no secret
        }
    }
}
