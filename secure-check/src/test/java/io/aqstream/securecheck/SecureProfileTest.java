package io.aqstream.securecheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqstream.admin.AdminCommand;
import io.aqstream.common.cli.ExitCodes;
import io.aqstream.consumer.ConsumeCommand;
import io.aqstream.kraft.secure.Certificates;
import io.aqstream.kraft.secure.SecureFiles;
import io.aqstream.producer.ProduceCommand;
import io.aqstream.testkit.CliResult;
import io.aqstream.testkit.ExternalTools;
import io.aqstream.testkit.KraftTestNode;
import io.aqstream.testkit.RepoFiles;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * bin/start-kraft --secure, tested from outside on one shared secured node: a secured replay of the real file
 * by the producer role and its consumption by the consumer role, read back by DuckDB, kcat and confluent-kafka
 * (no one here wrote them); then each negative case of docs/security.md, each a one-line message with exit
 * code 4 (2 for a file without credentials) and no stack trace; and no password anywhere it must not be.
 */
class SecureProfileTest {
    private static final int UCI_ROWS = 9357;
    /** How long a client that gets no answer waits here (aq-admin --timeout): only the plaintext-client case waits. */
    private static final String SHORT_TIMEOUT = "5";

    static Path dir;
    static KraftTestNode node;
    static Path secure;
    static final SeenOutputs outputs = new SeenOutputs();
    static Path output;

    @BeforeAll
    static void secureNodeAndReplay() throws Exception {
        Path csv = RepoFiles.realCsv();
        dir = Files.createTempDirectory("aq-secure-");
        node = KraftTestNode.startSecure(dir);
        secure = node.secureDir();
        output = dir.resolve("processed");
        // A generous wait: the first TLS + SCRAM connection of a cold JVM is slow on a loaded machine.
        CliResult produced = run(new ProduceCommand(), csv.toString(), "--speed", "max", "--batch-size", "1000",
                "--wait-for-broker", "120s", "--command-config", role("producer"));
        assertEquals(0, produced.exitCode(), produced.toString());
        CliResult consumed = run(new ConsumeCommand(), "--output", output.toString(), "--stop-at-end", "--stop-after-idle", "20",
                "--command-config", role("consumer"));
        assertEquals(0, consumed.exitCode(), consumed.toString());
    }

    @AfterAll
    static void stop() throws IOException {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void rolesFilesAreTheOwnersOnly() throws IOException {
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secure)));
        for (String role : SecureFiles.ROLES) {
            for (Path f : List.of(SecureFiles.roleProperties(secure, role), SecureFiles.roleLibrdkafka(secure, role))) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)), f.toString());
            }
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secure.resolve("ca.pem"))));
    }

    @Test
    void theSecuredReplayIsInParquetEveryRowOnce() throws Exception {
        OncePerTimestamp.assertEveryRowOnce(output.resolve("air-quality-data"), UCI_ROWS);
    }

    @Test
    void kcatWithTheConsumerRoleReadsEveryRowOnceReadCommitted() throws Exception {
        ProcessResult kcat = kcat(SecureFiles.roleLibrdkafka(secure, "consumer"), true);
        assertEquals(0, kcat.exitCode, kcat.err);
        List<String> lines = kcat.out.lines().toList();
        Set<String> sourceLines = new HashSet<>(lines);
        assertEquals(UCI_ROWS, lines.size(), kcat.err);
        assertEquals(UCI_ROWS, sourceLines.size(), "every CSV line once");
    }

    @Test
    void kcatFailsCleanlyWithAWrongPassword() throws Exception {
        ProcessResult kcat = kcat(withWrongPassword(SecureFiles.roleLibrdkafka(secure, "consumer"), "sasl.password="), false);
        assertTrue(kcat.exitCode != 0, kcat.toString());
        assertTrue(kcat.err.contains("Authentication failed"), kcat.err);
        assertTrue(kcat.err.contains("% ERROR: Failed to query metadata"), kcat.err);
    }

    @Test
    void confluentKafkaWithTheConsumerRoleReadsEveryRowOnce() throws Exception {
        ProcessResult python = python(SecureFiles.roleLibrdkafka(secure, "consumer"));
        assertEquals(0, python.exitCode, python.err);
        Set<String> sourceLines = new HashSet<>();
        long rows = python.out.lines().filter(l -> l.startsWith("row ")).peek(l -> sourceLines.add(l.split(" ")[1])).count();
        assertEquals(UCI_ROWS, rows, python.err);
        assertEquals(UCI_ROWS, sourceLines.size(), "every CSV line once");
    }

    @Test
    void confluentKafkaFailsCleanlyWithAWrongPassword() throws Exception {
        ProcessResult python = python(withWrongPassword(SecureFiles.roleLibrdkafka(secure, "consumer"), "sasl.password="));
        assertEquals(3, python.exitCode, python.toString());
        // librdkafka logs its own FAIL lines on stderr; the script adds one error line, and no traceback.
        assertEquals(1, python.err.lines().filter(l -> l.startsWith("error: ")).count(), python.err);
        assertFalse(python.err.contains("Traceback"), python.err);
        assertTrue(python.err.contains("Authentication failed"), python.err);
    }

    /**
     * Each format's topic is in the ACL table (conf/formats/): the first 2,000 rows of a real Beijing station
     * replay into air-quality-beijing as the producer and land in Parquet as the consumer, as in plaintext.
     */
    @Test
    void theBeijingDataReplaysAndIsConsumedWithTheSameRoles() throws Exception {
        List<String> lines = Files.readAllLines(RepoFiles.beijingFile("Dongsi"));
        Path csv = Files.createDirectories(dir.resolve("beijing")).resolve(RepoFiles.beijingFile("Dongsi").getFileName());
        Files.write(csv, lines.subList(0, 2001));
        CliResult produced = run(new ProduceCommand(), csv.toString(), "--speed", "max", "--batch-size", "500",
                "--command-config", role("producer"));
        assertEquals(0, produced.exitCode(), produced.toString());
        assertTrue(produced.out().contains("air-quality-beijing"), produced.out());
        Path beijingOutput = dir.resolve("processed-beijing");
        CliResult consumed = run(new ConsumeCommand(), "--topic", "air-quality-beijing", "--output",
                beijingOutput.toString(), "--stop-at-end", "--stop-after-idle", "20", "--command-config", role("consumer"));
        assertEquals(0, consumed.exitCode(), consumed.toString());
        OncePerTimestamp.assertEveryRowOnce(beijingOutput.resolve("air-quality-beijing"), 2000);
    }

    // ---- the negative cases of docs/security.md, each a one-line message and an exit code ----

    @Test
    void noCredentials() throws IOException {
        Path file = edited(role("producer"), l -> !l.startsWith("sasl.jaas.config"));
        assertOneLineError(ExitCodes.USAGE, "no credentials",
                run(new AdminCommand(), "topics", "list", "--command-config", file.toString()));
    }

    @Test
    void wrongPassword() throws IOException {
        Path file = withWrongPassword(Paths.get(role("analyst")), "sasl.jaas.config=");
        assertOneLineError(ExitCodes.KAFKA_UNAVAILABLE, "invalid credentials",
                run(new AdminCommand(), "topics", "list", "--command-config", file.toString()));
    }

    @Test
    void plaintextClientOnTheTlsPort() {
        assertOneLineError(ExitCodes.KAFKA_UNAVAILABLE, "It speaks TLS",
                run(new AdminCommand(), "topics", "list", "--bootstrap-server", node.bootstrapServers(), "--timeout",
                        SHORT_TIMEOUT));
    }

    @Test
    void clientThatDoesNotTrustTheCa() throws IOException {
        Path other = Files.createDirectories(dir.resolve("other-ca"));
        new Certificates(other, "other-ca-password").createCa();
        Path file = edited(role("analyst"), l -> !l.startsWith("ssl.truststore.location"));
        Files.writeString(file, "ssl.truststore.location=" + other.resolve(Certificates.CA_PEM) + "\n",
                java.nio.file.StandardOpenOption.APPEND);
        assertOneLineError(ExitCodes.KAFKA_UNAVAILABLE, "SSL handshake failed",
                run(new AdminCommand(), "topics", "list", "--command-config", file.toString(), "--timeout", SHORT_TIMEOUT));
    }

    /**
     * A server (not the node) presenting a certificate of the project's CA for another host name: the client
     * trusts the CA but refuses the name.
     */
    @Test
    void certificateForAnotherHostName() throws Exception {
        Path other = Files.createDirectories(dir.resolve("other-host"));
        String password = SecureFiles.passwords(secure).get("keystore.password");
        Files.copy(secure.resolve(Certificates.CA_STORE), other.resolve(Certificates.CA_STORE));
        Files.copy(secure.resolve(Certificates.CA_PEM), other.resolve(Certificates.CA_PEM));
        new Certificates(other, password).createSigned("elsewhere.p12", "elsewhere.example", "dns:elsewhere.example");
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(other.resolve("elsewhere.p12").toFile())) {
            store.load(in, password.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        try (SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread accept = new Thread(() -> {
                while (!server.isClosed()) {
                    try (SSLSocket s = (SSLSocket) server.accept()) {
                        s.startHandshake();
                    } catch (IOException e) {
                        // the client refuses the name: expected
                    }
                }
            }, "other-host-tls");
            accept.setDaemon(true);
            accept.start();
            assertOneLineError(ExitCodes.KAFKA_UNAVAILABLE, "SSL handshake failed",
                    run(new AdminCommand(), "topics", "list", "--command-config", role("analyst"), "--bootstrap-server",
                            "127.0.0.1:" + server.getLocalPort(), "--timeout", SHORT_TIMEOUT));
        }
    }

    @Test
    void producerTryingToRead() {
        assertOneLineError(ExitCodes.KAFKA_UNAVAILABLE, "refused us",
                run(new ConsumeCommand(), "--output", dir.resolve("producer-reads").toString(), "--stop-after-idle", "3",
                        "--command-config", role("producer")));
    }

    @Test
    void consumerTryingToWrite() throws IOException {
        assertOneLineError(ExitCodes.KAFKA_UNAVAILABLE, "Authorization failed",
                run(new ProduceCommand(), smallCsv().toString(), "--speed", "max", "--wait-for-broker", "120s",
                        "--command-config", role("consumer")));
    }

    @Test
    void producerWithATransactionalIdOutsideItsPrefix() throws IOException {
        assertOneLineError(ExitCodes.KAFKA_UNAVAILABLE, "refused us",
                run(new ProduceCommand(), smallCsv().toString(), "--speed", "max", "--wait-for-broker", "120s",
                        "--replay-id", "someone-else",
                        "--command-config", role("producer")));
    }

    @Test
    void consumerInAnotherGroup() {
        assertOneLineError(ExitCodes.KAFKA_UNAVAILABLE, "refused us",
                run(new ConsumeCommand(), "--output", dir.resolve("other-group").toString(), "--stop-after-idle", "3",
                        "--group", "another-group", "--command-config", role("consumer")));
    }

    @Test
    void analystTryingToResetOffsetsOrDeleteATopic() throws Exception {
        assertOneLineError(ExitCodes.KAFKA_UNAVAILABLE, "refused us",
                run(new AdminCommand(), "reset-offsets", "--group", "aq-stream-parquet", "--to-earliest", "--execute",
                        "--command-config", role("analyst")));
        Properties analyst = new Properties();
        try (InputStream in = Files.newInputStream(Paths.get(role("analyst")))) {
            analyst.load(in);
        }
        try (Admin admin = Admin.create(analyst)) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> admin.deleteTopics(List.of("air-quality-data")).all().get());
            assertInstanceOf(TopicAuthorizationException.class, e.getCause());
        }
    }

    /**
     * start-kraft --secure --metrics-port: the node's metrics read the end offsets through the secured client port
     * with the node's own admin login, so they are there as on a plaintext node; the scrape shows no secret.
     */
    @Test
    void theSecureNodesMetricsReadTheEndOffsetsOverTls() throws Exception {
        HttpResponse<String> scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + node.metricsPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, scrape.statusCode());
        String body = scrape.body();
        outputs.add(body);
        assertTrue(body.contains("aq_node_end_offsets_ok 1\n"), body);
        Matcher offsets = Pattern.compile("aq_node_end_offset\\{topic=\"air-quality-data\",partition=\"\\d+\"} (\\d+)\n")
                .matcher(body);
        long records = 0;
        int partitions = 0;
        while (offsets.find()) {
            records += Long.parseLong(offsets.group(1));
            partitions++;
        }
        assertEquals(3, partitions, body);
        // Every row of the replay, plus one commit marker per transaction and partition.
        assertTrue(records >= UCI_ROWS, records + " in\n" + body);
    }

    /** Runs after the others in practice only by luck, so it checks what exists when it runs: node logs and outputs. */
    @Test
    void passwordsAppearNowhere() throws IOException {
        Map<String, String> secrets = SecureFiles.passwords(secure);
        List<String> texts = outputs.all();
        try (Stream<Path> logs = Files.walk(node.logsDir())) {
            for (Path f : logs.filter(Files::isRegularFile).toList()) {
                texts.add(Files.readString(f, StandardCharsets.ISO_8859_1));
            }
        }
        // What ps shows: the node's whole command line (ProcessHandle.Info drops long ones).
        String arguments = new String(Files.readAllBytes(Paths.get("/proc/" + node.pid() + "/cmdline")),
                StandardCharsets.UTF_8).replace('\0', ' ');
        texts.add(arguments);
        for (Map.Entry<String, String> s : secrets.entrySet()) {
            for (String text : texts) {
                assertFalse(text.contains(s.getValue()), s.getKey() + " shows in a log, an output or the node's arguments");
            }
        }
        assertTrue(arguments.contains("--secure"), arguments);
    }

    // ---- helpers ----

    private static CliResult run(Object command, String... args) {
        return outputs.run(command, args);
    }

    private static void assertOneLineError(int exitCode, String expected, CliResult r) {
        assertEquals(exitCode, r.exitCode(), r.toString());
        List<String> errors = r.err().lines().filter(l -> l.startsWith("error: ")).toList();
        assertEquals(1, errors.size(), r.toString());
        assertTrue(errors.get(0).contains(expected), r.toString());
        assertFalse(r.err().contains("\tat ") || r.out().contains("\tat "), "no stack trace\n" + r);
    }

    private static String role(String name) {
        return SecureFiles.roleProperties(secure, name).toString();
    }

    private static Path edited(String file, java.util.function.Predicate<String> keep) throws IOException {
        Path copy = dir.resolve("edited-" + UUID.randomUUID() + ".properties");
        Files.write(copy, Files.readAllLines(Paths.get(file)).stream().filter(keep).toList());
        return copy;
    }

    private static Path withWrongPassword(Path file, String key) throws IOException {
        Path copy = dir.resolve("wrong-" + UUID.randomUUID() + "-" + file.getFileName());
        List<String> lines = new ArrayList<>();
        for (String l : Files.readAllLines(file)) {
            if (l.startsWith("sasl.password=")) {
                l = "sasl.password=not-the-password";
            } else if (l.startsWith("sasl.jaas.config=")) {
                l = l.replaceAll("password=\"[^\"]*\"", "password=\"not-the-password\"");
            }
            lines.add(l);
        }
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(key)), key);
        Files.write(copy, lines);
        return copy;
    }

    /** The first 24 data lines of the real file: enough to reach the broker. */
    private static Path smallCsv() throws IOException {
        Path small = dir.resolve("small-" + UUID.randomUUID() + ".csv");
        Files.write(small, Files.readAllLines(RepoFiles.realCsv(), StandardCharsets.ISO_8859_1).subList(0, 25),
                StandardCharsets.ISO_8859_1);
        return small;
    }

    /** kcat -C from the beginning, -e exit at the end, the headers of each message (aq.source.line among them). */
    private static ProcessResult kcat(Path config, boolean quiet) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ExternalTools.kcat().toString(), "-C", "-F", config.toString(),
                "-t", "air-quality-data", "-X", "isolation.level=read_committed", "-e", "-f", "%h\\n"));
        if (quiet) {
            cmd.add("-q"); // without it, kcat logs librdkafka's own lines, e.g. why a login failed
        }
        return ProcessResult.of(new ProcessBuilder(cmd), 120);
    }

    private static ProcessResult python(Path config) throws Exception {
        Path script = ExternalTools.confluentKafkaConsumeScript();
        return ProcessResult.of(new ProcessBuilder(ExternalTools.pythonWithConfluentKafka().toString(), script.toString(),
                "from-config", "air-quality-data", "aq-stream-parquet-python-" + UUID.randomUUID(),
                Integer.toString(UCI_ROWS), "120", config.toString()), 180);
    }

    private record ProcessResult(int exitCode, String out, String err) {
        static ProcessResult of(ProcessBuilder builder, int hangGuardSeconds) throws Exception {
            Path out = Files.createTempFile(dir, "out-", ".txt");
            Path err = Files.createTempFile(dir, "err-", ".txt");
            Process p = builder.redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            if (!p.waitFor(hangGuardSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
            ProcessResult r = new ProcessResult(p.exitValue(), Files.readString(out), Files.readString(err));
            outputs.add(r.out);
            outputs.add(r.err);
            return r;
        }
    }
}
