package io.kubeboot.scheduler.framework;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable-by-contract view of the cluster for one cycle: the node infos in a stable order, the
 * sub-lists with affinity pods, and namespace labels. The scheduler cache builds one per cycle (reusing
 * unchanged node copies); tests build one from node infos directly.
 */
public final class Snapshot implements SharedLister {
    private final List<NodeInfo> nodes;
    private final Map<String, NodeInfo> byName;
    private final List<NodeInfo> withAffinity;
    private final List<NodeInfo> withRequiredAntiAffinity;
    private final Map<String, Map<String, String>> namespaceLabels;

    public Snapshot(List<NodeInfo> nodes, Map<String, Map<String, String>> namespaceLabels) {
        this.nodes = Collections.unmodifiableList(new ArrayList<>(nodes));
        this.byName = new HashMap<>(nodes.size() * 2);
        List<NodeInfo> aff = new ArrayList<>();
        List<NodeInfo> anti = new ArrayList<>();
        for (NodeInfo n : nodes) {
            byName.put(n.nodeName(), n);
            if (!n.podsWithAffinity().isEmpty()) {
                aff.add(n);
            }
            if (!n.podsWithRequiredAntiAffinity().isEmpty()) {
                anti.add(n);
            }
        }
        this.withAffinity = Collections.unmodifiableList(aff);
        this.withRequiredAntiAffinity = Collections.unmodifiableList(anti);
        this.namespaceLabels = namespaceLabels;
    }

    public static Snapshot of(NodeInfo... nodes) {
        return new Snapshot(List.of(nodes), Map.of());
    }

    @Override
    public List<NodeInfo> nodeInfos() {
        return nodes;
    }

    @Override
    public List<NodeInfo> havePodsWithAffinity() {
        return withAffinity;
    }

    @Override
    public List<NodeInfo> havePodsWithRequiredAntiAffinity() {
        return withRequiredAntiAffinity;
    }

    @Override
    public NodeInfo get(String nodeName) {
        return byName.get(nodeName);
    }

    @Override
    public Map<String, String> namespaceLabels(String namespace) {
        Map<String, String> l = namespaceLabels.get(namespace);
        return l == null ? Map.of() : l;
    }
}
