package io.kubeboot.controller.deployment;

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
 * equals none, as with upstream's semantic equality. Thread safe.
 */
final class TemplateMatcher {
    static final String POD_TEMPLATE_HASH = "pod-template-hash";

    private final PodTemplateHash hash;

    TemplateMatcher(PodTemplateHash hash) {
        this.hash = hash;
    }

    /** Whether the templates are equal once the pod-template-hash label is removed from both. */
    boolean equalIgnoreHash(PodTemplateSpec t1, PodTemplateSpec t2) {
        return hash.dump(withoutHashLabel(t1)).equals(hash.dump(withoutHashLabel(t2)));
    }

    /** The oldest ReplicaSet whose template is the Deployment's; sorts {@code rsList} by creation, as upstream. */
    ReplicaSet findNewReplicaSet(Deployment d, List<ReplicaSet> rsList) {
        rsList.sort(ReplicaSetOrder.BY_CREATION_TIMESTAMP);
        for (ReplicaSet rs : rsList) {
            // after upgrades several may match (kubernetes#40415): the oldest wins, deterministically
            if (equalIgnoreHash(rs.getSpec().getTemplate(), d.getSpec().getTemplate())) {
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
