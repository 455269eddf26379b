package io.kubeboot.controller.deployment;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Upstream {@code EqualIgnoreHash}, {@code FindNewReplicaSet} and {@code FindOldReplicaSets}: which of a
 * Deployment's ReplicaSets runs its current template. Templates are compared as the Go structs they decode to
 * (through their {@link PodTemplateHash#dump}), so an absent field equals its zero value and an empty list or map
 * equals none, as with upstream's semantic equality. Thread safe (the dump cache is guarded by its own lock).
 */
final class TemplateMatcher {
    static final String POD_TEMPLATE_HASH = "pod-template-hash";

    /** Dumps kept: about one per Deployment and ReplicaSet of a large cluster. */
    static final int CACHE_SIZE = 20_000;

    private final PodTemplateHash hash;
    /**
     * Dump of the hash-less template by object uid, valid for one resourceVersion: every sync compares the
     * Deployment's template with each of its ReplicaSets', and a template only changes with its object's
     * resourceVersion, so each is copied and dumped once per version instead of once per comparison.
     */
    private final Map<String, CachedDump> dumps = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CachedDump> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    private record CachedDump(String resourceVersion, String dump) {
    }

    TemplateMatcher(PodTemplateHash hash) {
        this.hash = hash;
    }

    /** Whether the templates are equal once the pod-template-hash label is removed from both. */
    boolean equalIgnoreHash(PodTemplateSpec t1, PodTemplateSpec t2) {
        return dumpWithoutHash(t1).equals(dumpWithoutHash(t2));
    }

    /** {@link #equalIgnoreHash} for the templates of two objects, each dump cached by uid and resourceVersion. */
    boolean equalIgnoreHash(ReplicaSet rs, Deployment d) {
        return cachedDump(rs.getMetadata(), rs.getSpec().getTemplate())
                .equals(cachedDump(d.getMetadata(), d.getSpec().getTemplate()));
    }

    private String dumpWithoutHash(PodTemplateSpec t) {
        return hash.dump(withoutHashLabel(t));
    }

    private String cachedDump(ObjectMeta meta, PodTemplateSpec template) {
        String uid = meta == null ? null : meta.getUid();
        String rv = meta == null ? null : meta.getResourceVersion();
        if (uid == null || rv == null) {
            return dumpWithoutHash(template);
        }
        synchronized (dumps) {
            CachedDump cached = dumps.get(uid);
            if (cached != null && cached.resourceVersion().equals(rv)) {
                return cached.dump();
            }
        }
        String dump = dumpWithoutHash(template);
        synchronized (dumps) {
            dumps.put(uid, new CachedDump(rv, dump));
        }
        return dump;
    }

    /** The oldest ReplicaSet whose template is the Deployment's; sorts {@code rsList} by creation, as upstream. */
    ReplicaSet findNewReplicaSet(Deployment d, List<ReplicaSet> rsList) {
        rsList.sort(ReplicaSetOrder.BY_CREATION_TIMESTAMP);
        for (ReplicaSet rs : rsList) {
            // after upgrades several may match (kubernetes#40415): the oldest wins, deterministically
            if (equalIgnoreHash(rs, d)) {
                return rs;
            }
        }
        return null;
    }

    /** Every ReplicaSet but the new one (upstream's allOldRSs). */
    List<ReplicaSet> findOldReplicaSets(Deployment d, List<ReplicaSet> rsList) {
        ReplicaSet newRS = findNewReplicaSet(d, rsList);
        List<ReplicaSet> old = new ArrayList<>();
        for (ReplicaSet rs : rsList) {
            if (newRS != null && Objects.equals(rs.getMetadata().getUid(), newRS.getMetadata().getUid())) {
                continue;
            }
            old.add(rs);
        }
        return old;
    }

    static PodTemplateSpec withoutHashLabel(PodTemplateSpec t) {
        PodTemplateSpec copy = t == null ? new PodTemplateSpec() : new PodTemplateSpecBuilder(t).build();
        if (copy.getMetadata() != null && copy.getMetadata().getLabels() != null) {
            Map<String, String> labels = new LinkedHashMap<>(copy.getMetadata().getLabels());
            labels.remove(POD_TEMPLATE_HASH);
            copy.getMetadata().setLabels(labels);
        }
        return copy;
    }
}
