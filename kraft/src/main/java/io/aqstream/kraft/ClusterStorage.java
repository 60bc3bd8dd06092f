package io.aqstream.kraft;

import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.UserException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.Uuid;

/**
 * The cluster's storage, formatted once for all its nodes the 4.x way: one cluster id, and every node
 * formatted with the same {@code --initial-controllers} list (node id, controller address and a new
 * directory id each), with a dynamic quorum. Chosen over static {@code controller.quorum.voters} because
 * the voter set then lives in the metadata log (it can later be changed with kafka-metadata-quorum
 * add-controller/remove-controller), each node's config only names where to find the quorum
 * ({@code controller.quorum.bootstrap.servers}), and the single node is formatted the same way.
 */
final class ClusterStorage {
    private ClusterStorage() {
    }

    /**
     * Formats every node when none is formatted, with the users of {@code security}; returns the cluster id (new
     * or kept) and whether it is new. Storage formatted under the other profile is refused, as on the single node.
     */
    static Storage.Formatted formatIfNeeded(ClusterLayout layout, NodeSecurity security) {
        List<NodeConfig> nodes = new ArrayList<>();
        for (NodeConfig plain : layout.nodeConfigs()) {
            NodeConfig node = security.nodeConfig(plain, layout.bootstrapServers());
            Storage.checkProfile(node, security);
            nodes.add(node);
        }
        List<Integer> formatted = new ArrayList<>();
        List<Integer> bare = new ArrayList<>();
        Optional<String> clusterId = Optional.empty();
        for (int n = 1; n <= nodes.size(); n++) {
            Optional<String> id = Storage.clusterId(nodes.get(n - 1));
            if (id.isEmpty()) {
                bare.add(n);
                continue;
            }
            formatted.add(n);
            if (clusterId.isPresent() && !clusterId.get().equals(id.get())) {
                throw new UserException(ExitCodes.BAD_INPUT, "the nodes in " + layout.root() + " belong to different"
                        + " clusters (" + clusterId.get() + " and " + id.get() + " on node " + n + "). Delete the"
                        + " cluster's data with bin/reset-kraft --nodes 3 to start afresh.");
            }
            clusterId = id;
        }
        if (bare.isEmpty()) {
            return new Storage.Formatted(clusterId.orElseThrow(), false);
        }
        if (!formatted.isEmpty()) {
            // A node formatted afresh into an existing cluster would claim to be an initial voter again.
            throw new UserException(ExitCodes.BAD_INPUT, "node " + bare.get(0) + " of the cluster in " + layout.root()
                    + " has no storage, while node " + formatted.get(0) + " holds cluster " + clusterId.get()
                    + ". Restore its folder, or delete the cluster's data with bin/reset-kraft --nodes 3 to start afresh.");
        }
        String newId = Uuid.randomUuid().toString();
        List<String> directoryIds = new ArrayList<>();
        for (int n = 1; n <= nodes.size(); n++) {
            directoryIds.add(Uuid.randomUuid().toString());
        }
        String initialControllers = layout.initialControllers(directoryIds);
        for (NodeConfig node : nodes) {
            Storage.formatIfNeeded(node, newId, initialControllers, security);
        }
        return new Storage.Formatted(newId, true);
    }
}
