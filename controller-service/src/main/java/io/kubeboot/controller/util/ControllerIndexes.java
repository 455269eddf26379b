package io.kubeboot.controller.util;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An informer's index by controller UID, as upstream's {@code PodControllerUIDIndex} (used here for pods and
 * ReplicaSets): a workload's sync reads the objects it controls plus the orphans of its namespace (which it may
 * adopt) instead of scanning the namespace, which made each sync O(objects in the namespace). Objects controlled
 * by someone else are never candidates of a claim, so the result of a claim is the same as over the whole
 * namespace.
 *
 * <p>Thread safe: the index lives in the informer's indexer; adding it twice is a no-op.
 */
public final class ControllerIndexes {
    public static final String CONTROLLER_UID = "controllerUIDOrOrphan";
    private static final String ORPHAN_PREFIX = "orphan/";

    private ControllerIndexes() {
    }

    /** Adds the index to a shared informer (before or after it started). */
    public static synchronized <T extends HasMetadata> void ensure(SharedIndexInformer<T> informer) {
        if (!informer.getIndexer().getIndexers().containsKey(CONTROLLER_UID)) {
            informer.addIndexers(Map.of(CONTROLLER_UID, ControllerIndexes::keys));
        }
    }

    static List<String> keys(HasMetadata object) {
        OwnerReference ref = PodControllerRefManager.controllerOf(object);
        return List.of(ref == null || ref.getUid() == null ? ORPHAN_PREFIX + object.getMetadata().getNamespace() : ref.getUid());
    }

    /** The objects controlled by {@code controllerUid}. */
    public static <T extends HasMetadata> List<T> controlledBy(SharedIndexInformer<T> informer, String controllerUid) {
        return informer.getIndexer().byIndex(CONTROLLER_UID, controllerUid);
    }

    /** The objects controlled by {@code controllerUid} and the orphans of {@code namespace}. */
    public static <T extends HasMetadata> List<T> controlledByOrOrphan(SharedIndexInformer<T> informer, String controllerUid,
                                                                       String namespace) {
        List<T> out = new ArrayList<>(controlledBy(informer, controllerUid));
        out.addAll(informer.getIndexer().byIndex(CONTROLLER_UID, ORPHAN_PREFIX + namespace));
        return out;
    }
}
