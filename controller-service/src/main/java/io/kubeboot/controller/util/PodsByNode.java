package io.kubeboot.controller.util;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

import java.util.List;
import java.util.Map;

/**
 * The {@code spec.nodeName} index of the shared pod informer (upstream's {@code nodeNameKeyIndex}, shared by the
 * node lifecycle and taint eviction controllers): pods bound to a node, from the cache.
 */
public final class PodsByNode {
    public static final String INDEX = "spec.nodeName";

    private PodsByNode() {
    }

    /** Adds the index unless the informer has it; call before the informer starts. */
    public static synchronized void ensureIndex(SharedIndexInformer<Pod> informer) {
        if (!informer.getIndexer().getIndexers().containsKey(INDEX)) {
            informer.addIndexers(Map.of(INDEX, PodsByNode::nodeNameIndex));
        }
    }

    /** The cached pods bound to {@code nodeName} (shared objects: do not modify). */
    public static List<Pod> podsOn(SharedIndexInformer<Pod> informer, String nodeName) {
        return informer.getIndexer().byIndex(INDEX, nodeName);
    }

    static List<String> nodeNameIndex(Pod pod) {
        String n = PodConditions.nodeName(pod);
        return n.isEmpty() ? List.of() : List.of(n);
    }
}
