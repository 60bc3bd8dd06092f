package io.aqstream.kraft.secure;

import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.UserException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The git-ignored folder {@code data/secure/} of the secure profile: the node's secrets (one random
 * password per user and the key store's password, made once), the TLS files ({@link Certificates}), and
 * what users get: one Kafka client properties file per role for {@code --command-config}, one librdkafka
 * file per role for {@code kcat -F} and confluent-kafka, and {@code ca.pem}. Only the owner may read it:
 * the folder is 0700, every file 0600 (set again at every start).
 */
public final class SecureFiles {
    /** The node's own user: inter-broker traffic on the SASL_SSL listener. A super user. */
    public static final String BROKER_USER = "broker";
    /** The roles users connect as; admin is a super user, the others get {@link SecureAcls}. */
    public static final List<String> ROLES = List.of("producer", "consumer", "analyst", "admin");
    /** The SCRAM mechanism of every user. */
    public static final String MECHANISM = "SCRAM-SHA-512";
    /**
     * The SASL mechanism of the librdkafka files: PLAIN inside TLS, because librdkafka before 2.6.1 (Debian's
     * kcat and python3-confluent-kafka carry 2.0.2) computes a SCRAM proof that Kafka 4.x rejects
     * (librdkafka#4895). With librdkafka 2.6.1 or newer, SCRAM-SHA-512 works too.
     */
    public static final String LIBRDKAFKA_MECHANISM = "PLAIN";
    static final String SECRETS = "node-secrets.properties";
    private static final String KEYSTORE_PASSWORD = "keystore.password";
    private static final String PASSWORD_PREFIX = "password.";
    /** Letters and digits only: SCRAM arguments and JAAS lines split on , ] " = and quotes. */
    private static final char[] PASSWORD_CHARS =
            "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();
    private static final int PASSWORD_LENGTH = 32;
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

    private final Path dir;
    private final Properties secrets;

    private SecureFiles(Path dir, Properties secrets) {
        this.dir = dir;
        this.secrets = secrets;
    }

    /**
     * Opens {@code dir}, making what is missing: the folder, the secrets, the certificates. Role files are
     * written by {@link #writeRoleFiles} once the client address is known.
     */
    public static SecureFiles prepare(Path dir) {
        try {
            Files.createDirectories(dir);
            restrict(dir, OWNER_ONLY_DIR);
            Path file = dir.resolve(SECRETS);
            Properties secrets = new Properties();
            if (Files.isRegularFile(file)) {
                try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    secrets.load(in);
                }
            }
            boolean changed = false;
            for (String user : users()) {
                changed |= secrets.putIfAbsent(PASSWORD_PREFIX + user, randomPassword()) == null;
            }
            changed |= secrets.putIfAbsent(KEYSTORE_PASSWORD, randomPassword()) == null;
            if (changed) {
                StringBuilder text = new StringBuilder("# aq-stream secure profile: the node's secrets, made once by"
                        + " bin/start-kraft --secure. Owner only.\n");
                for (String key : secrets.stringPropertyNames().stream().sorted().toList()) {
                    text.append(key).append('=').append(secrets.getProperty(key)).append('\n');
                }
                writePrivate(file, text.toString());
            }
            SecureFiles files = new SecureFiles(dir, secrets);
            Certificates certificates = new Certificates(dir, files.keystorePassword());
            if (!certificates.exist()) {
                certificates.create();
            }
            files.restrictAll();
            return files;
        } catch (IOException e) {
            throw new UserException(ExitCodes.ENVIRONMENT, "cannot prepare the secure profile's folder " + dir + ": "
                    + e.getMessage() + ". Check that it is writable.", e);
        }
    }

    /** Every SCRAM user: the broker's own and one per role. */
    public static List<String> users() {
        return Stream.concat(Stream.of(BROKER_USER), ROLES.stream()).toList();
    }

    public Path dir() {
        return dir;
    }

    String password(String user) {
        return secrets.getProperty(PASSWORD_PREFIX + user);
    }

    String keystorePassword() {
        return secrets.getProperty(KEYSTORE_PASSWORD);
    }

    Path caPem() {
        return dir.resolve(Certificates.CA_PEM);
    }

    Path nodeStore() {
        return dir.resolve(Certificates.NODE_STORE);
    }

    /** {@code <role>.properties}: the Kafka client settings of a role, for --command-config. */
    public static Path roleProperties(Path dir, String role) {
        return dir.resolve(role + ".properties");
    }

    /** {@code <role>.librdkafka.conf}: the same for librdkafka (kcat -F, confluent-kafka). */
    public static Path roleLibrdkafka(Path dir, String role) {
        return dir.resolve(role + ".librdkafka.conf");
    }

    /** The JAAS line of a SCRAM login: it carries the password, so it only goes into owner-only files and configs. */
    String jaas(String user) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password(user) + "\";";
    }

    /**
     * Writes the role files for clients of {@code bootstrapServers} when they are missing, or name other
     * brokers. An existing file is otherwise left alone: a password rotated by hand (docs/security.md)
     * stays rotated.
     */
    public void writeRoleFiles(String bootstrapServers) throws IOException {
        for (String role : ROLES) {
            Path java = roleProperties(dir, role);
            if (!upToDate(java, "bootstrap.servers=" + bootstrapServers)) {
                writePrivate(java, "# aq-stream secure profile, role " + role + ": Kafka client settings for"
                        + " --command-config (made by bin/start-kraft --secure; owner only).\n"
                        + "bootstrap.servers=" + bootstrapServers + "\n"
                        + "security.protocol=SASL_SSL\n"
                        + "sasl.mechanism=" + MECHANISM + "\n"
                        + "sasl.jaas.config=" + jaas(role) + "\n"
                        + "ssl.truststore.type=PEM\n"
                        + "ssl.truststore.location=" + caPem() + "\n");
            }
            Path librdkafka = roleLibrdkafka(dir, role);
            if (!upToDate(librdkafka, "bootstrap.servers=" + bootstrapServers)) {
                writePrivate(librdkafka, "# aq-stream secure profile, role " + role + ": librdkafka settings for"
                        + " kcat -F and confluent-kafka (made by bin/start-kraft --secure; owner only).\n"
                        + "bootstrap.servers=" + bootstrapServers + "\n"
                        + "security.protocol=SASL_SSL\n"
                        + "# PLAIN inside TLS: librdkafka before 2.6.1 cannot do SCRAM with Kafka 4.x (docs/security.md);\n"
                        + "# with librdkafka 2.6.1 or newer, sasl.mechanisms=" + MECHANISM + " works as well.\n"
                        + "sasl.mechanisms=" + LIBRDKAFKA_MECHANISM + "\n"
                        + "sasl.username=" + role + "\n"
                        + "sasl.password=" + password(role) + "\n"
                        + "ssl.ca.location=" + caPem() + "\n");
            }
        }
        restrictAll();
    }

    /** The broker's PLAIN user table: every role with its password (the broker itself uses SCRAM). */
    String plainServerJaas() {
        StringBuilder jaas = new StringBuilder("org.apache.kafka.common.security.plain.PlainLoginModule required");
        for (String role : ROLES) {
            jaas.append(" user_").append(role).append("=\"").append(password(role)).append('"');
        }
        return jaas.append(';').toString();
    }

    private static boolean upToDate(Path file, String line) throws IOException {
        return Files.isRegularFile(file) && Files.readAllLines(file, StandardCharsets.UTF_8).contains(line);
    }

    private void restrictAll() throws IOException {
        restrict(dir, OWNER_ONLY_DIR);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                if (Files.isRegularFile(f)) {
                    restrict(f, OWNER_ONLY_FILE);
                }
            }
        }
    }

    /** Writes {@code text} to a new owner-only file beside {@code file}, then renames it over it. */
    static void writePrivate(Path file, String text) throws IOException {
        Path temp = posix()
                ? Files.createTempFile(file.getParent(), ".tmp-", "", PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE))
                : Files.createTempFile(file.getParent(), ".tmp-", "");
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
        if (posix()) {
            Files.setPosixFilePermissions(path, permissions);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static String randomPassword() {
        SecureRandom random = new SecureRandom();
        char[] chars = new char[PASSWORD_LENGTH];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = PASSWORD_CHARS[random.nextInt(PASSWORD_CHARS.length)];
        }
        return new String(chars);
    }

    /** The secrets of {@code dir} as a map, for tests that check nothing leaks. */
    public static Map<String, String> passwords(Path dir) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(dir.resolve(SECRETS), StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> all = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(k -> all.put(k, p.getProperty(k)));
        return all;
    }
}
