package io.kubeboot.scheduler.framework;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The lookups every {@link SharedLister} shares, over a node list and a by-name map that the subclass
 * owns: {@link Snapshot} fills them once, the scheduler cache's snapshot refreshes them between cycles.
 * The subclass calls {@link #indexAffinity()} after the nodes (or their pods) changed and before the
 * lists are read again.
 */
public abstract class AbstractSharedLister implements SharedLister {
    private final List<NodeInfo> nodes;
    private final List<NodeInfo> view;
    private final Map<String, NodeInfo> byName;
    private List<NodeInfo> withAffinity = List.of();
    private List<NodeInfo> withRequiredAntiAffinity = List.of();
    private Map<String, Map<String, String>> namespaceLabels = Map.of();

    /**
     * @param nodes  the nodes in their stable order, shown read-only to plugins (the subclass may change it between cycles)
     * @param byName the same nodes by name
     */
    protected AbstractSharedLister(List<NodeInfo> nodes, Map<String, NodeInfo> byName) {
        this.nodes = nodes;
        this.view = Collections.unmodifiableList(nodes);
        this.byName = byName;
    }

    @Override
    public final List<NodeInfo> nodeInfos() {
        return view;
    }

    @Override
    public final List<NodeInfo> havePodsWithAffinity() {
        return withAffinity;
    }

    @Override
    public final List<NodeInfo> havePodsWithRequiredAntiAffinity() {
        return withRequiredAntiAffinity;
    }

    @Override
    public final NodeInfo get(String nodeName) {
        return byName.get(nodeName);
    }

    @Override
    public final Map<String, String> namespaceLabels(String namespace) {
        Map<String, String> l = namespaceLabels.get(namespace);
        return l == null ? Map.of() : l;
    }

    /** Recomputes the nodes with affinity pods and with required anti-affinity pods, in node order. */
    protected final void indexAffinity() {
        List<NodeInfo> aff = new ArrayList<>();
        List<NodeInfo> anti = new ArrayList<>();
        for (NodeInfo n : nodes) {
            if (!n.podsWithAffinity().isEmpty()) {
                aff.add(n);
            }
            if (!n.podsWithRequiredAntiAffinity().isEmpty()) {
                anti.add(n);
            }
        }
        withAffinity = Collections.unmodifiableList(aff);
        withRequiredAntiAffinity = Collections.unmodifiableList(anti);
    }

    /** Replaces the namespace labels (namespace name to its labels). */
    protected final void useNamespaceLabels(Map<String, Map<String, String>> labels) {
        this.namespaceLabels = labels;
    }
}
