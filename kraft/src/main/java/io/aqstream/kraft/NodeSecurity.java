package io.aqstream.kraft;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * What a node's security profile adds to its start: SCRAM users written at format time, the settings of
 * the node's own admin client (topics, ACLs), and work once the node is up. {@link #PLAINTEXT} is the
 * default laptop profile; {@code io.aqstream.kraft.secure.SecureNode} is {@code --secure}.
 */
public interface NodeSecurity {
    /** No users, no TLS, no authorizer: loopback only. */
    NodeSecurity PLAINTEXT = new NodeSecurity() {
    };

    /** True for the secure profile (the storage remembers which profile formatted it). */
    default boolean secure() {
        return false;
    }

    /** {@code kafka-storage format --add-scram} arguments: the users that exist from the first start. */
    default List<String> scramArguments() {
        return List.of();
    }

    /** Client settings of the node's own admin client (besides bootstrap.servers). */
    default Properties adminClientProperties() {
        return new Properties();
    }

    /** Runs once the node is up and its topics exist (the secure profile creates its ACLs). */
    default void afterStart(String bootstrapServers, Path metadataLogDir, PrintWriter err) throws InterruptedException {
    }

    /**
     * The node's configuration under this profile; {@code clientsBootstrap} is what the profile's client files
     * name (the node's own address, or the whole cluster's list).
     */
    default NodeConfig nodeConfig(NodeConfig plain, String clientsBootstrap) {
        return plain;
    }

    /** What a node's own JVM is given to run under this profile ({@code start-kraft --node N ...}); no secret. */
    default List<String> nodeArguments() {
        return List.of();
    }

    /**
     * The profile of one node of the cluster, started on its own: as this one, but it leaves the work done once
     * for the whole cluster ({@link #afterStart}) to the cluster's launcher.
     */
    default NodeSecurity clusterMember() {
        return this;
    }
}
