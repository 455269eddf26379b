package io.kubeboot.apiserver.registry.deployments;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;
import io.kubeboot.api.resource.BuiltinResources;
import io.kubeboot.api.resource.ResourceInfo;
import io.kubeboot.api.validation.FieldErrors;
import io.kubeboot.api.validation.FieldPath;
import io.kubeboot.api.validation.GoValue;
import io.kubeboot.apiserver.registry.Strategy;
import io.kubeboot.apiserver.registry.workloads.WorkloadValidation;
import org.springframework.stereotype.Component;

import java.util.List;

import static io.kubeboot.apiserver.registry.workloads.WorkloadValidation.intOr;
import static io.kubeboot.apiserver.registry.workloads.WorkloadValidation.intOrPercentValue;
import static io.kubeboot.apiserver.registry.workloads.WorkloadValidation.nonNegative;

/**
 * apps/v1 Deployment, as upstream {@code pkg/registry/apps/deployment/strategy.go} with
 * {@code SetDefaults_Deployment} and {@code ValidateDeployment*}.
 */
@Component
public class DeploymentStrategy implements Strategy<Deployment> {
    private static final ResourceInfo INFO = BuiltinResources.get().byResource("apps", "v1", "deployments").orElseThrow();
    static final String ROLLING_UPDATE = "RollingUpdate";
    static final String RECREATE = "Recreate";

    @Override
    public ResourceInfo info() {
        return INFO;
    }

    @Override
    public Class<Deployment> type() {
        return Deployment.class;
    }

    @Override
    public boolean tracksGeneration() {
        return true;
    }

    /**
     * Annotations are copied from a Deployment to its ReplicaSets, so upstream bumps the generation
     * on annotation changes too; the registry bumps it for spec changes.
     */
    @Override
    public void prepareForUpdate(Deployment obj, Deployment old) {
        var newAnn = obj.getMetadata() == null ? null : obj.getMetadata().getAnnotations();
        var oldAnn = old.getMetadata() == null ? null : old.getMetadata().getAnnotations();
        if (!WorkloadValidation.semanticEqual(newAnn, oldAnn) && obj.getMetadata() != null) {
            long oldGen = old.getMetadata().getGeneration() == null ? 0 : old.getMetadata().getGeneration();
            obj.getMetadata().setGeneration(oldGen + 1);
        }
    }

    /** Upstream {@code deploymentStatusStrategy.PrepareForUpdate}: labels are not writable via /status. */
    @Override
    public void prepareForStatusUpdate(Deployment obj, Deployment old) {
        if (obj.getMetadata() != null && old.getMetadata() != null) {
            obj.getMetadata().setLabels(old.getMetadata().getLabels());
        }
    }

    @Override
    public void applyDefaults(Deployment d) {
        DeploymentSpec spec = spec(d);
        if (spec.getReplicas() == null) {
            spec.setReplicas(1);
        }
        if (spec.getStrategy() == null) {
            spec.setStrategy(new io.fabric8.kubernetes.api.model.apps.DeploymentStrategy());
        }
        io.fabric8.kubernetes.api.model.apps.DeploymentStrategy strategy = spec.getStrategy();
        if (strategy.getType() == null || strategy.getType().isEmpty()) {
            strategy.setType(ROLLING_UPDATE);
        }
        if (ROLLING_UPDATE.equals(strategy.getType())) {
            if (strategy.getRollingUpdate() == null) {
                strategy.setRollingUpdate(new RollingUpdateDeployment());
            }
            if (strategy.getRollingUpdate().getMaxUnavailable() == null) {
                strategy.getRollingUpdate().setMaxUnavailable(new IntOrString("25%"));
            }
            if (strategy.getRollingUpdate().getMaxSurge() == null) {
                strategy.getRollingUpdate().setMaxSurge(new IntOrString("25%"));
            }
        }
        if (spec.getRevisionHistoryLimit() == null) {
            spec.setRevisionHistoryLimit(10);
        }
        if (spec.getProgressDeadlineSeconds() == null) {
            spec.setProgressDeadlineSeconds(600);
        }
        spec.setTemplate(WorkloadValidation.defaultedTemplate(spec.getTemplate()));
    }

    @Override
    public FieldErrors validate(Deployment d) {
        return validateSpec(spec(d), FieldPath.of("spec"));
    }

    @Override
    public FieldErrors validateUpdate(Deployment d, Deployment old) {
        FieldErrors errs = validateSpec(spec(d), FieldPath.of("spec"));
        // apps/v1 forbids changing the selector (apps/v1beta1 and extensions allowed it; not served here).
        WorkloadValidation.immutableSelector(spec(d).getSelector(), spec(old).getSelector(),
                FieldPath.of("spec", "selector"), errs);
        return errs;
    }

    @Override
    public FieldErrors validateStatusUpdate(Deployment d, Deployment old) {
        FieldErrors errs = validateStatus(d.getStatus() == null ? new DeploymentStatus() : d.getStatus(),
                FieldPath.of("status"));
        Integer now = d.getStatus() == null ? null : d.getStatus().getCollisionCount();
        Integer before = old.getStatus() == null ? null : old.getStatus().getCollisionCount();
        WorkloadValidation.collisionCountNotDecremented(now, before, FieldPath.of("status", "collisionCount"), errs);
        return errs;
    }

    /** Upstream {@code ValidateDeploymentSpec}. */
    static FieldErrors validateSpec(DeploymentSpec spec, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        nonNegative(intOr(spec.getReplicas(), 0), path.child("replicas"), errs);
        WorkloadValidation.requiredNonEmptySelector(spec.getSelector(), path.child("selector"), "deployment", errs);
        WorkloadValidation.podTemplateForReplicaSet(spec.getTemplate(), spec.getSelector(), path, "ReplicaSet", errs);
        validateStrategy(spec.getStrategy(), path.child("strategy"), errs);
        int minReady = intOr(spec.getMinReadySeconds(), 0);
        nonNegative(minReady, path.child("minReadySeconds"), errs);
        if (spec.getRevisionHistoryLimit() != null) {
            nonNegative(spec.getRevisionHistoryLimit(), path.child("revisionHistoryLimit"), errs);
        }
        if (spec.getProgressDeadlineSeconds() != null) {
            int pds = spec.getProgressDeadlineSeconds();
            nonNegative(pds, path.child("progressDeadlineSeconds"), errs);
            if (pds <= minReady) {
                errs.invalid(path.child("progressDeadlineSeconds"), pds, "must be greater than minReadySeconds");
            }
        }
        return errs;
    }

    /** Upstream {@code ValidateDeploymentStrategy}. */
    static void validateStrategy(io.fabric8.kubernetes.api.model.apps.DeploymentStrategy strategy, FieldPath path, FieldErrors errs) {
        io.fabric8.kubernetes.api.model.apps.DeploymentStrategy s = strategy == null ? new io.fabric8.kubernetes.api.model.apps.DeploymentStrategy() : strategy;
        String type = s.getType() == null ? "" : s.getType();
        switch (type) {
            case RECREATE -> {
                if (s.getRollingUpdate() != null) {
                    errs.forbidden(path.child("rollingUpdate"),
                            "may not be specified when strategy `type` is '" + RECREATE + "'");
                }
            }
            case ROLLING_UPDATE -> {
                if (s.getRollingUpdate() == null) {
                    errs.required(path.child("rollingUpdate"), "this should be defaulted and never be nil");
                } else {
                    validateRollingUpdate(s.getRollingUpdate(), path.child("rollingUpdate"), errs);
                }
            }
            default -> errs.notSupported(path, GoValue.typedStrategy("apps.DeploymentStrategy", type,
                    "apps.RollingUpdateDeployment", s.getRollingUpdate() != null), List.of(RECREATE, ROLLING_UPDATE));
        }
    }

    /** Upstream {@code ValidateRollingUpdateDeployment}. */
    static void validateRollingUpdate(RollingUpdateDeployment ru, FieldPath path, FieldErrors errs) {
        IntOrString maxUnavailable = ru.getMaxUnavailable() == null ? new IntOrString(0) : ru.getMaxUnavailable();
        IntOrString maxSurge = ru.getMaxSurge() == null ? new IntOrString(0) : ru.getMaxSurge();
        WorkloadValidation.positiveIntOrPercent(maxUnavailable, path.child("maxUnavailable"), errs);
        WorkloadValidation.positiveIntOrPercent(maxSurge, path.child("maxSurge"), errs);
        if (intOrPercentValue(maxUnavailable) == 0 && intOrPercentValue(maxSurge) == 0) {
            errs.invalid(path.child("maxUnavailable"), GoValue.intOrString(maxUnavailable),
                    "may not be 0 when `maxSurge` is 0");
        }
        WorkloadValidation.notMoreThan100Percent(maxUnavailable, path.child("maxUnavailable"), errs);
    }

    /** Upstream {@code ValidateDeploymentStatus}. */
    static FieldErrors validateStatus(DeploymentStatus status, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        int replicas = intOr(status.getReplicas(), 0);
        int updated = intOr(status.getUpdatedReplicas(), 0);
        int ready = intOr(status.getReadyReplicas(), 0);
        int available = intOr(status.getAvailableReplicas(), 0);
        nonNegative(status.getObservedGeneration() == null ? 0 : status.getObservedGeneration(),
                path.child("observedGeneration"), errs);
        nonNegative(replicas, path.child("replicas"), errs);
        nonNegative(updated, path.child("updatedReplicas"), errs);
        nonNegative(ready, path.child("readyReplicas"), errs);
        nonNegative(available, path.child("availableReplicas"), errs);
        nonNegative(intOr(status.getUnavailableReplicas(), 0), path.child("unavailableReplicas"), errs);
        if (status.getCollisionCount() != null) {
            nonNegative(status.getCollisionCount(), path.child("collisionCount"), errs);
        }
        WorkloadValidation.notMoreThanReplicas(updated, replicas, path.child("updatedReplicas"), errs);
        WorkloadValidation.readyAndAvailable(replicas, ready, available, path, errs);
        return errs;
    }

    private static DeploymentSpec spec(Deployment d) {
        if (d.getSpec() == null) {
            d.setSpec(new DeploymentSpec());
        }
        return d.getSpec();
    }
}
