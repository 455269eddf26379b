package io.kubeboot.apiserver.registry.replicasets;

import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetSpec;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.kubeboot.api.resource.BuiltinResources;
import io.kubeboot.api.resource.ResourceInfo;
import io.kubeboot.api.validation.FieldErrors;
import io.kubeboot.api.validation.FieldPath;
import io.kubeboot.apiserver.registry.Strategy;
import io.kubeboot.apiserver.registry.workloads.WorkloadValidation;
import org.springframework.stereotype.Component;

import static io.kubeboot.apiserver.registry.workloads.WorkloadValidation.intOr;
import static io.kubeboot.apiserver.registry.workloads.WorkloadValidation.nonNegative;

/**
 * apps/v1 ReplicaSet, as upstream {@code pkg/registry/apps/replicaset/strategy.go} with
 * {@code SetDefaults_ReplicaSet} and {@code ValidateReplicaSet*}.
 */
@Component
public class ReplicaSetStrategy implements Strategy<ReplicaSet> {
    private static final ResourceInfo INFO = BuiltinResources.get().byResource("apps", "v1", "replicasets").orElseThrow();

    @Override
    public ResourceInfo info() {
        return INFO;
    }

    @Override
    public Class<ReplicaSet> type() {
        return ReplicaSet.class;
    }

    @Override
    public boolean tracksGeneration() {
        return true;
    }

    @Override
    public void applyDefaults(ReplicaSet rs) {
        ReplicaSetSpec spec = spec(rs);
        if (spec.getReplicas() == null) {
            spec.setReplicas(1);
        }
        spec.setTemplate(WorkloadValidation.defaultedTemplate(spec.getTemplate()));
    }

    @Override
    public FieldErrors validate(ReplicaSet rs) {
        return validateSpec(spec(rs), FieldPath.of("spec"));
    }

    @Override
    public FieldErrors validateUpdate(ReplicaSet rs, ReplicaSet old) {
        FieldErrors errs = validateSpec(spec(rs), FieldPath.of("spec"));
        // apps/v1 forbids changing the selector (extensions/v1beta1 allowed it; not served here).
        WorkloadValidation.immutableSelector(spec(rs).getSelector(), spec(old).getSelector(),
                FieldPath.of("spec", "selector"), errs);
        return errs;
    }

    @Override
    public FieldErrors validateStatusUpdate(ReplicaSet rs, ReplicaSet old) {
        return validateStatus(rs.getStatus() == null ? new ReplicaSetStatus() : rs.getStatus(), FieldPath.of("status"));
    }

    /** Upstream {@code ValidateReplicaSetSpec}. */
    static FieldErrors validateSpec(ReplicaSetSpec spec, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        nonNegative(intOr(spec.getReplicas(), 0), path.child("replicas"), errs);
        nonNegative(intOr(spec.getMinReadySeconds(), 0), path.child("minReadySeconds"), errs);
        // upstream names "deployment" here too
        WorkloadValidation.requiredNonEmptySelector(spec.getSelector(), path.child("selector"), "deployment", errs);
        WorkloadValidation.podTemplateForReplicaSet(spec.getTemplate(), spec.getSelector(), path, "ReplicaSet", errs);
        return errs;
    }

    /** Upstream {@code ValidateReplicaSetStatus}. */
    static FieldErrors validateStatus(ReplicaSetStatus status, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        int replicas = intOr(status.getReplicas(), 0);
        int fully = intOr(status.getFullyLabeledReplicas(), 0);
        int ready = intOr(status.getReadyReplicas(), 0);
        int available = intOr(status.getAvailableReplicas(), 0);
        nonNegative(replicas, path.child("replicas"), errs);
        nonNegative(fully, path.child("fullyLabeledReplicas"), errs);
        nonNegative(ready, path.child("readyReplicas"), errs);
        nonNegative(available, path.child("availableReplicas"), errs);
        nonNegative(status.getObservedGeneration() == null ? 0 : status.getObservedGeneration(),
                path.child("observedGeneration"), errs);
        WorkloadValidation.notMoreThanReplicas(fully, replicas, path.child("fullyLabeledReplicas"), errs);
        WorkloadValidation.readyAndAvailable(replicas, ready, available, path, errs);
        return errs;
    }

    private static ReplicaSetSpec spec(ReplicaSet rs) {
        if (rs.getSpec() == null) {
            rs.setSpec(new ReplicaSetSpec());
        }
        return rs.getSpec();
    }
}
