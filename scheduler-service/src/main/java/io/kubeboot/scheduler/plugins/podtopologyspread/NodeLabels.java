package io.kubeboot.scheduler.plugins.podtopologyspread;

import io.fabric8.kubernetes.api.model.Node;

import java.util.Map;

/** A node's labels, never null. */
final class NodeLabels {
    private NodeLabels() {
    }

    static Map<String, String> of(Node node) {
        Map<String, String> l = node.getMetadata() == null ? null : node.getMetadata().getLabels();
        return l == null ? Map.of() : l;
    }
}
