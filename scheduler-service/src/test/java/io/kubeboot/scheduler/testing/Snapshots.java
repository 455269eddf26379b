package io.kubeboot.scheduler.testing;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubeboot.scheduler.framework.NodeInfo;
import io.kubeboot.scheduler.framework.Snapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Snapshots for plugin tests, as upstream's {@code cache.NewSnapshot(pods, nodes)}. */
public final class Snapshots {
    private Snapshots() {
    }

    /** The nodes in order, each with the pods whose {@code spec.nodeName} names it (others are left out). */
    public static Snapshot of(List<Node> nodes, List<Pod> pods) {
        return of(nodes, pods, Map.of());
    }

    /** As {@link #of(List, List)}, with the labels of the namespaces (for namespaceSelector). */
    public static Snapshot of(List<Node> nodes, List<Pod> pods, Map<String, Map<String, String>> namespaceLabels) {
        List<NodeInfo> infos = new ArrayList<>(nodes.size());
        for (Node n : nodes) {
            String name = n.getMetadata().getName();
            infos.add(NodeInfo.of(n, pods.stream().filter(p -> name.equals(p.getSpec().getNodeName())).toArray(Pod[]::new)));
        }
        return new Snapshot(infos, namespaceLabels);
    }
}
