package io.kubeboot.controller.replicaset;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatusBuilder;
import io.kubeboot.api.selector.LabelSelector;
import io.kubeboot.controller.util.ClientErrors;
import io.kubeboot.controller.util.PodConditions;
import io.kubeboot.controller.util.Times;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Upstream {@code calculateStatus} and the status comparison of {@code updateReplicaSetStatus}. Pure. */
final class ReplicaSetStatusCalculator {
    static final String REPLICA_FAILURE = "ReplicaFailure";

    private ReplicaSetStatusCalculator() {
    }

    /**
     * The new status from the claimed, active pods: replicas, fullyLabeledReplicas (pods carrying all template
     * labels), readyReplicas, availableReplicas (ready for minReadySeconds at {@code now}); a ReplicaFailure
     * condition (reason FailedCreate / FailedDelete, message the error) is added when {@code manageReplicasErr} is
     * set and there is none yet, and removed when the sync succeeded. observedGeneration is left as it was.
     */
    static ReplicaSetStatus calculate(ReplicaSet rs, List<Pod> filteredPods,
            Exception manageReplicasErr, Instant now) {
        var old = rs.getStatus() == null ? new ReplicaSetStatusBuilder().build() : rs.getStatus();
        Map<String, String> templateLabels = rs.getSpec().getTemplate() == null || rs.getSpec().getTemplate().getMetadata() == null
                ? Map.of() : rs.getSpec().getTemplate().getMetadata().getLabels();
        LabelSelector templateSelector = LabelSelector.fromSet(templateLabels == null ? Map.of() : templateLabels);
        int minReadySeconds = rs.getSpec().getMinReadySeconds() == null ? 0 : rs.getSpec().getMinReadySeconds();
        int fullyLabeled = 0;
        int ready = 0;
        int available = 0;
        for (Pod pod : filteredPods) {
            if (templateSelector.matches(pod.getMetadata().getLabels())) {
                fullyLabeled++;
            }
            if (PodConditions.isPodReady(pod)) {
                ready++;
                if (PodConditions.isPodAvailable(pod, minReadySeconds, now)) {
                    available++;
                }
            }
        }
        List<ReplicaSetCondition> conditions = old.getConditions() == null ? new ArrayList<>() : new ArrayList<>(old.getConditions());
        boolean hasFailure = conditions.stream().anyMatch(c -> REPLICA_FAILURE.equals(c.getType()));
        if (manageReplicasErr != null && !hasFailure) {
            int diff = filteredPods.size() - replicas(rs);
            String reason = diff < 0 ? "FailedCreate" : diff > 0 ? "FailedDelete" : "";
            conditions.add(new ReplicaSetConditionBuilder().withType(REPLICA_FAILURE).withStatus("True")
                    .withLastTransitionTime(Times.format(now)).withReason(reason)
                    .withMessage(ClientErrors.message(manageReplicasErr)).build());
        } else if (manageReplicasErr == null && hasFailure) {
            conditions.removeIf(c -> REPLICA_FAILURE.equals(c.getType()));
        }
        return new ReplicaSetStatusBuilder(old)
                .withReplicas(filteredPods.size())
                .withFullyLabeledReplicas(fullyLabeled)
                .withReadyReplicas(ready)
                .withAvailableReplicas(available)
                .withConditions(conditions.isEmpty() ? null : conditions)
                .build();
    }

    /** Whether writing {@code next} would change nothing (counts, conditions, observedGeneration up to date). */
    static boolean unchanged(ReplicaSet rs, ReplicaSetStatus next) {
        var cur = rs.getStatus() == null ? new ReplicaSetStatusBuilder().build() : rs.getStatus();
        return nz(cur.getReplicas()) == nz(next.getReplicas())
                && nz(cur.getFullyLabeledReplicas()) == nz(next.getFullyLabeledReplicas())
                && nz(cur.getReadyReplicas()) == nz(next.getReadyReplicas())
                && nz(cur.getAvailableReplicas()) == nz(next.getAvailableReplicas())
                && nzl(rs.getMetadata().getGeneration()) == nzl(cur.getObservedGeneration())
                && Objects.equals(emptyToNull(cur.getConditions()), emptyToNull(next.getConditions()));
    }

    static int replicas(ReplicaSet rs) {
        return rs.getSpec().getReplicas() == null ? 1 : rs.getSpec().getReplicas();
    }

    private static int nz(Integer i) {
        return i == null ? 0 : i;
    }

    private static long nzl(Long l) {
        return l == null ? 0 : l;
    }

    private static <T> List<T> emptyToNull(List<T> l) {
        return l == null || l.isEmpty() ? null : l;
    }
}
