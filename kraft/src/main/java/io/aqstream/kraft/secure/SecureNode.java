package io.aqstream.kraft.secure;

import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.KafkaFailures;
import io.aqstream.common.cli.UserException;
import io.aqstream.kraft.HostPort;
import io.aqstream.kraft.NodeConfig;
import io.aqstream.kraft.NodeSecurity;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.acl.AclBinding;

/**
 * {@code bin/start-kraft --secure}: the client listener speaks SASL_SSL with SCRAM-SHA-512 only, the
 * controller listener TLS with client certificates (mutual TLS: only a holder of the node's key, i.e. the
 * node itself, gets in), the StandardAuthorizer denies whatever no ACL allows, the users exist from the
 * format on, and the ACLs of {@link SecureAcls} from the first start on. Everything is applied in the
 * node's own process from {@code data/secure/}: no secret passes through a command line.
 *
 * <p>Why not SCRAM on the controller listener: KAFKA-15513 (SCRAM users created at format are not usable
 * by controllers before the metadata is loaded). Why not PLAINTEXT there with {@code User:ANONYMOUS} as a
 * super user (the usual workaround): any local process could then act as super user on that port, which
 * is exactly the shared-lab threat the profile is for.
 */
public final class SecureNode implements NodeSecurity {
    /** The client listener's name and protocol in the secure profile. */
    public static final String CLIENT_LISTENER = "SASL_SSL";
    /** The node certificate's subject: the controller listener's principal (mutual TLS). */
    static final String NODE_PRINCIPAL = "User:CN=localhost";

    private static final String ACLS_MARKER = "aq-secure-acls-created";
    private final SecureFiles files;
    /** False for one node of the cluster started alone: the cluster's launcher creates the ACLs, once. */
    private final boolean createsAcls;

    private SecureNode(SecureFiles files, boolean createsAcls) {
        this.files = files;
        this.createsAcls = createsAcls;
    }

    /** Makes (once) and opens the secrets and certificates in {@code dir}. */
    public static SecureNode prepare(Path dir) {
        return new SecureNode(SecureFiles.prepare(dir), true);
    }

    /**
     * The node's configuration with the secure listeners, TLS, SASL and authorizer settings put on top; the
     * role files name the node's own client address.
     */
    public NodeConfig apply(NodeConfig plain) {
        return nodeConfig(plain, plain.listeners().get(plain.brokerListener()).connectAddress());
    }

    /**
     * As {@link #apply}, with the role files naming {@code clientsBootstrap}: for a node of the cluster, every
     * node's address, so that clients go on while one node is down. The nodes share one certificate (all of
     * them are 127.0.0.1) and so one principal on the controller listener: each controller lets the others in.
     */
    @Override
    public NodeConfig nodeConfig(NodeConfig plain, String clientsBootstrap) {
        String clientListener = plain.brokerListener();
        for (HostPort hp : plain.listeners().values()) {
            if (!hp.host().equals("127.0.0.1") && !hp.host().equals("localhost")) {
                throw new UserException(ExitCodes.BAD_INPUT, plain.file() + ": listeners=" + listeners(plain, clientListener)
                        + ": the secure profile listens on 127.0.0.1 only (its certificate names localhost and"
                        + " 127.0.0.1). Use 127.0.0.1 as the host of every listener.");
            }
        }
        String controller = plain.controllerListener();
        Map<String, String> s = new LinkedHashMap<>();
        s.put("listeners", listeners(plain, clientListener));
        s.put("listener.security.protocol.map", controller + ":SSL," + CLIENT_LISTENER + ":SASL_SSL");
        s.put("inter.broker.listener.name", CLIENT_LISTENER);
        s.put("sasl.enabled.mechanisms", SecureFiles.MECHANISM + "," + SecureFiles.LIBRDKAFKA_MECHANISM);
        s.put("sasl.mechanism.inter.broker.protocol", SecureFiles.MECHANISM);
        s.put("listener.name." + CLIENT_LISTENER.toLowerCase() + "." + SecureFiles.MECHANISM.toLowerCase()
                + ".sasl.jaas.config", files.jaas(SecureFiles.BROKER_USER));
        // PLAIN (inside TLS) for librdkafka clients older than 2.6.1, e.g. Debian's kcat and confluent-kafka:
        // they cannot do SCRAM with Kafka 4.x (librdkafka#4895). Same users, same passwords, same ACLs.
        s.put("listener.name." + CLIENT_LISTENER.toLowerCase() + ".plain.sasl.jaas.config", files.plainServerJaas());
        s.put("listener.name." + controller.toLowerCase() + ".ssl.client.auth", "required");
        s.put("ssl.keystore.type", "PKCS12");
        s.put("ssl.keystore.location", files.nodeStore().toString());
        s.put("ssl.keystore.password", files.keystorePassword());
        s.put("ssl.key.password", files.keystorePassword());
        s.put("ssl.truststore.type", "PEM");
        s.put("ssl.truststore.location", files.caPem().toString());
        s.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        s.put("allow.everyone.if.no.acl.found", "false");
        s.put("super.users", NODE_PRINCIPAL + ";User:" + SecureFiles.BROKER_USER + ";User:admin");
        NodeConfig secured = plain.withSettings(s);
        try {
            files.writeRoleFiles(clientsBootstrap);
        } catch (IOException e) {
            throw new UserException(ExitCodes.ENVIRONMENT, "cannot write the role files in " + files.dir() + ": "
                    + e.getMessage(), e);
        }
        return secured;
    }

    private static String listeners(NodeConfig plain, String clientListener) {
        List<String> all = new ArrayList<>();
        plain.listeners().forEach((name, hp) -> all.add((name.equals(clientListener) ? CLIENT_LISTENER : name) + "://" + hp));
        return String.join(",", all);
    }

    @Override
    public boolean secure() {
        return true;
    }

    /** Where the secrets are: the node's JVM reads them itself, so they never show in ps. */
    @Override
    public List<String> nodeArguments() {
        return List.of("--secure", "--secure-dir", files.dir().toString());
    }

    /** A node of the cluster: the same profile, but the cluster's launcher creates the ACLs, once for all nodes. */
    @Override
    public NodeSecurity clusterMember() {
        return new SecureNode(files, false);
    }

    @Override
    public List<String> scramArguments() {
        List<String> args = new ArrayList<>();
        for (String user : SecureFiles.users()) {
            args.add(SecureFiles.MECHANISM + "=[name=" + user + ",password=" + files.password(user) + "]");
        }
        return args;
    }

    /** The node's own admin client connects as the admin role. */
    @Override
    public Properties adminClientProperties() {
        Properties p = new Properties();
        p.put("security.protocol", "SASL_SSL");
        p.put("sasl.mechanism", SecureFiles.MECHANISM);
        p.put("sasl.jaas.config", files.jaas("admin"));
        p.put("ssl.truststore.type", "PEM");
        p.put("ssl.truststore.location", files.caPem().toString());
        return p;
    }

    /**
     * Creates the ACLs of {@link SecureAcls} at the first start (a marker in the metadata log dir remembers
     * it), so that ACLs an administrator removed later stay removed.
     */
    @Override
    public void afterStart(String bootstrapServers, Path metadataLogDir, PrintWriter err) throws InterruptedException {
        Path marker = metadataLogDir.resolve(ACLS_MARKER);
        if (!createsAcls || Files.exists(marker)) {
            return;
        }
        Properties p = adminClientProperties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "aq-kraft-acls");
        List<AclBinding> acls = SecureAcls.all(SecureAcls.dataTopics(err));
        try (Admin admin = Admin.create(p)) {
            admin.createAcls(acls).all().get();
        } catch (ExecutionException e) {
            throw KafkaFailures.translate(e.getCause(), bootstrapServers, Duration.ofSeconds(60),
                    "creating the secure profile's ACLs", "the node started; details in logs/server.log");
        }
        try {
            Files.writeString(marker, "The ACLs of the secure profile were created; bin/start-kraft does not create them again.\n");
        } catch (IOException e) {
            throw new UserException(ExitCodes.ENVIRONMENT, "cannot write " + marker + ": " + e.getMessage(), e);
        }
        err.println("Secure profile: created the " + acls.size() + " ACLs of docs/security.md; client"
                + " settings per role (producer, consumer, analyst, admin) in " + files.dir() + ".");
        err.flush();
    }
}
