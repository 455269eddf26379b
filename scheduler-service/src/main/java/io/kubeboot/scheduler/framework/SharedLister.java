package io.kubeboot.scheduler.framework;

import java.util.List;

/**
 * The cycle's view of the cluster (upstream's {@code SharedLister}/{@code NodeInfoLister}): a snapshot
 * taken at the start of the cycle, unchanged while the cycle runs. Read-only for plugins.
 */
public interface SharedLister {
    /** All nodes, in a stable order. */
    List<NodeInfo> nodeInfos();

    /** Nodes with at least one pod that has pod affinity or anti-affinity. */
    List<NodeInfo> havePodsWithAffinity();

    /** Nodes with at least one pod that has required anti-affinity. */
    List<NodeInfo> havePodsWithRequiredAntiAffinity();

    /** The node, or null when it is not in the snapshot. */
    NodeInfo get(String nodeName);

    /** Labels of a namespace (for namespaceSelector in affinity terms); empty when unknown. */
    java.util.Map<String, String> namespaceLabels(String namespace);
}
