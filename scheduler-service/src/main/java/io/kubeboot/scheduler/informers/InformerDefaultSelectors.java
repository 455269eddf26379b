package io.kubeboot.scheduler.informers;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.Lister;
import io.kubeboot.api.selector.LabelSelector;
import io.kubeboot.scheduler.plugins.podtopologyspread.DefaultSelectors;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The selectors of the objects that own or select a pod, for PodTopologySpread's default constraints, as
 * upstream's {@code helper.DefaultSelector}: Services in the pod's namespace whose selector matches the
 * pod, and the ReplicaSet controlling it. (KubeBoot serves no ReplicationControllers or StatefulSets.)
 * Reads the informers' caches; thread safe.
 */
public final class InformerDefaultSelectors implements DefaultSelectors {
    private final Lister<Service> services;
    private final Lister<ReplicaSet> replicaSets;

    public InformerDefaultSelectors(Lister<Service> services, Lister<ReplicaSet> replicaSets) {
        this.services = services;
        this.replicaSets = replicaSets;
    }

    @Override
    public List<LabelSelector> selectorsFor(Pod pod) {
        List<LabelSelector> out = new ArrayList<>();
        String ns = pod.getMetadata().getNamespace();
        Map<String, String> labels = pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
        if (services != null) {
            for (Service s : services.namespace(ns).list()) {
                Map<String, String> sel = s.getSpec() == null ? null : s.getSpec().getSelector();
                if (sel != null && !sel.isEmpty()) {
                    LabelSelector selector = LabelSelector.fromSet(sel);
                    if (selector.matches(labels)) {
                        out.add(selector);
                    }
                }
            }
        }
        if (replicaSets != null && pod.getMetadata().getOwnerReferences() != null) {
            for (OwnerReference ref : pod.getMetadata().getOwnerReferences()) {
                if (Boolean.TRUE.equals(ref.getController()) && "ReplicaSet".equals(ref.getKind())) {
                    ReplicaSet rs = replicaSets.namespace(ns).get(ref.getName());
                    if (rs != null && rs.getSpec() != null && rs.getSpec().getSelector() != null) {
                        out.add(LabelSelector.fromModel(rs.getSpec().getSelector()));
                    }
                }
            }
        }
        return out;
    }

    /** Unused, documents the key format of the caches this reads. */
    static String key(String ns, String name) {
        return Cache.namespaceKeyFunc(ns, name);
    }
}
