package io.kubeboot.controller.deployment;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;

/**
 * Upstream {@code ResolveFenceposts}, {@code MaxSurge}, {@code MaxUnavailable} and {@code MinAvailable}: how far a
 * rolling update may go above and below {@code spec.replicas}. Surge rounds up, unavailable rounds down; when both
 * resolve to 0, unavailable becomes 1 so the rollout can proceed. Non-rolling deployments have neither. Pure.
 */
final class Fenceposts {
    /** The API defaults of both bounds (and what a rolling deployment without rollingUpdate gets). */
    static final IntOrString DEFAULT_BOUND = new IntOrString("25%");

    private Fenceposts() {
    }

    /** Resolved bounds. */
    record Resolved(int maxSurge, int maxUnavailable) {
    }

    static Resolved resolve(IntOrString maxSurge, IntOrString maxUnavailable, int desired) {
        int surge = IntOrPercent.scaledValue(IntOrPercent.orDefault(maxSurge, new IntOrString(0)), desired, true);
        int unavailable = IntOrPercent.scaledValue(IntOrPercent.orDefault(maxUnavailable, new IntOrString(0)), desired, false);
        if (surge == 0 && unavailable == 0) {
            unavailable = 1;
        }
        return new Resolved(surge, unavailable);
    }

    static int maxSurge(Deployment d) {
        if (!DeploymentSpecs.isRollingUpdate(d)) {
            return 0;
        }
        return resolve(d).maxSurge();
    }

    /** Capped at spec.replicas; 0 for a deployment of 0 replicas. */
    static int maxUnavailable(Deployment d) {
        int replicas = DeploymentSpecs.replicas(d);
        if (!DeploymentSpecs.isRollingUpdate(d) || replicas == 0) {
            return 0;
        }
        return Math.min(resolve(d).maxUnavailable(), replicas);
    }

    static int minAvailable(Deployment d) {
        if (!DeploymentSpecs.isRollingUpdate(d)) {
            return 0;
        }
        return DeploymentSpecs.replicas(d) - maxUnavailable(d);
    }

    private static Resolved resolve(Deployment d) {
        RollingUpdateDeployment ru = d.getSpec().getStrategy() == null ? null : d.getSpec().getStrategy().getRollingUpdate();
        IntOrString surge = ru == null ? DEFAULT_BOUND : ru.getMaxSurge();
        IntOrString unavailable = ru == null ? DEFAULT_BOUND : ru.getMaxUnavailable();
        return resolve(surge, unavailable, DeploymentSpecs.replicas(d));
    }
}
