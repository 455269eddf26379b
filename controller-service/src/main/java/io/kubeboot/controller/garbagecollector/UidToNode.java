package io.kubeboot.controller.garbagecollector;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Upstream {@code concurrentUIDToNode}: the graph's index by uid. Written by the graph builder, read by workers. */
final class UidToNode {
    private final Map<String, Node> nodes = new ConcurrentHashMap<>();

    void write(Node node) {
        nodes.put(node.identity().uid(), node);
    }

    Optional<Node> read(String uid) {
        return uid == null ? Optional.empty() : Optional.ofNullable(nodes.get(uid));
    }

    void delete(String uid) {
        nodes.remove(uid);
    }

    int size() {
        return nodes.size();
    }

    /** A snapshot of all nodes, for tests and debugging. */
    Map<String, Node> snapshot() {
        return Map.copyOf(nodes);
    }
}
