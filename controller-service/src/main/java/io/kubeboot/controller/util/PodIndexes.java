package io.kubeboot.controller.util;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The pod informer's index by controller UID, as upstream's {@code PodControllerUIDIndex}: a workload's sync
 * reads the pods it controls plus the orphans of its namespace (which it may adopt) instead of scanning
 * every pod of the namespace, which made each sync O(pods in the namespace).
 *
 * <p>Thread safe: the index lives in the informer's indexer; adding it twice is a no-op.
 */
public final class PodIndexes {
    public static final String CONTROLLER_UID = "podControllerUID";
    private static final String ORPHAN_PREFIX = "orphan/";

    private PodIndexes() {
    }

    /** Adds the index to the shared pod informer (before or after it started). */
    public static synchronized void ensure(SharedIndexInformer<Pod> pods) {
        if (!pods.getIndexer().getIndexers().containsKey(CONTROLLER_UID)) {
            pods.addIndexers(Map.of(CONTROLLER_UID, PodIndexes::keys));
        }
    }

    static List<String> keys(Pod pod) {
        OwnerReference ref = PodControllerRefManager.controllerOf(pod);
        return List.of(ref == null ? ORPHAN_PREFIX + pod.getMetadata().getNamespace() : ref.getUid());
    }

    /** The pods controlled by {@code controllerUid}. */
    public static List<Pod> controlledBy(SharedIndexInformer<Pod> pods, String controllerUid) {
        return pods.getIndexer().byIndex(CONTROLLER_UID, controllerUid);
    }

    /** The pods controlled by {@code controllerUid} and the orphans of {@code namespace}. */
    public static List<Pod> controlledByOrOrphan(SharedIndexInformer<Pod> pods, String controllerUid, String namespace) {
        List<Pod> out = new ArrayList<>(controlledBy(pods, controllerUid));
        out.addAll(pods.getIndexer().byIndex(CONTROLLER_UID, ORPHAN_PREFIX + namespace));
        return out;
    }
}
