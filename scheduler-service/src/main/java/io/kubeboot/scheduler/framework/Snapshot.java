package io.kubeboot.scheduler.framework;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable-by-contract view of the cluster for one cycle: the node infos in a stable order, the
 * sub-lists with affinity pods, and namespace labels. Built from node infos directly (tests, tools); the
 * scheduler itself uses the cache's refreshable snapshot.
 */
public final class Snapshot extends AbstractSharedLister {

    public Snapshot(List<NodeInfo> nodes, Map<String, Map<String, String>> namespaceLabels) {
        super(new ArrayList<>(nodes), byName(nodes));
        indexAffinity();
        useNamespaceLabels(namespaceLabels);
    }

    public static Snapshot of(NodeInfo... nodes) {
        return new Snapshot(List.of(nodes), Map.of());
    }

    private static Map<String, NodeInfo> byName(List<NodeInfo> nodes) {
        Map<String, NodeInfo> m = new HashMap<>(nodes.size() * 2);
        for (NodeInfo n : nodes) {
            m.put(n.nodeName(), n);
        }
        return m;
    }
}
