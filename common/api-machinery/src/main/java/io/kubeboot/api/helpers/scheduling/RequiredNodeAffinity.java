package io.kubeboot.api.helpers.scheduling;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubeboot.api.selector.LabelSelector;

import java.util.Map;

/**
 * Where a pod may run by its own rules, as component-helpers' {@code nodeaffinity.RequiredNodeAffinity}:
 * {@code spec.nodeSelector} (every label equal) AND
 * {@code spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution} (parsed leniently).
 * Used by the scheduler's NodeAffinity plugin, the DaemonSet controller and the node agent's admission.
 * Immutable and thread safe.
 */
public final class RequiredNodeAffinity {
    private final LabelSelector nodeSelector;
    private final NodeSelectors affinity;

    private RequiredNodeAffinity(LabelSelector nodeSelector, NodeSelectors affinity) {
        this.nodeSelector = nodeSelector;
        this.affinity = affinity;
    }

    /** Upstream {@code GetRequiredNodeAffinity}. */
    public static RequiredNodeAffinity of(Pod pod) {
        Map<String, String> selector = pod.getSpec() == null ? null : pod.getSpec().getNodeSelector();
        LabelSelector labels = selector == null || selector.isEmpty() ? null : LabelSelector.fromSet(selector);
        Affinity a = pod.getSpec() == null ? null : pod.getSpec().getAffinity();
        NodeSelectors required = a != null && a.getNodeAffinity() != null
                && a.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution() != null
                ? NodeSelectors.lazy(a.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()) : null;
        return new RequiredNodeAffinity(labels, required);
    }

    /** Whether the pod may run on {@code node}; parse errors of the affinity terms count as no match. */
    public boolean match(Node node) {
        return matchWithError(node).matches();
    }

    /** As {@link #match}, also giving the affinity parse errors when no term matched (upstream's error result). */
    public NodeSelectors.Match matchWithError(Node node) {
        if (nodeSelector != null && !nodeSelector.matches(NodeSelectors.labels(node))) {
            return new NodeSelectors.Match(false, null);
        }
        if (affinity != null) {
            return affinity.match(node);
        }
        return new NodeSelectors.Match(true, null);
    }
}
