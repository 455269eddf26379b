package io.kubeboot.controller.tainteviction;

import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.kubeboot.controller.util.Times;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code DisruptionTarget} condition the taint eviction controller sets before deleting a pod (GA in 1.31), and
 * upstream's {@code UpdatePodCondition} semantics for it. Pure.
 */
final class DisruptionTarget {
    static final String TYPE = "DisruptionTarget";
    static final String REASON = "DeletionByTaintManager";
    static final String MESSAGE = "Taint manager: deleting due to NoExecute taint";

    private DisruptionTarget() {
    }

    /** The condition as the taint manager writes it, stamped {@code now}. */
    static PodCondition condition(Instant now) {
        return new PodConditionBuilder().withType(TYPE).withStatus("True").withReason(REASON).withMessage(MESSAGE)
                .withLastTransitionTime(Times.format(now)).build();
    }

    /**
     * Upstream {@code UpdatePodCondition}: the status with {@code condition} added or replacing the one of its type
     * (keeping that one's lastTransitionTime when the status is unchanged).
     *
     * @return empty when the status already has an equal condition (nothing to write)
     */
    static Optional<PodStatus> withCondition(PodStatus status, PodCondition condition) {
        PodStatus next = status == null ? new PodStatus() : new PodStatusBuilder(status).build();
        List<PodCondition> conditions = next.getConditions() == null ? new ArrayList<>() : new ArrayList<>(next.getConditions());
        for (int i = 0; i < conditions.size(); i++) {
            PodCondition old = conditions.get(i);
            if (!Objects.equals(old.getType(), condition.getType())) {
                continue;
            }
            PodCondition c = new PodConditionBuilder(condition).build();
            if (Objects.equals(c.getStatus(), old.getStatus())) {
                c.setLastTransitionTime(old.getLastTransitionTime());
            }
            boolean equal = Objects.equals(c.getStatus(), old.getStatus()) && Objects.equals(c.getReason(), old.getReason())
                    && Objects.equals(c.getMessage(), old.getMessage())
                    && Objects.equals(c.getLastProbeTime(), old.getLastProbeTime())
                    && Objects.equals(c.getLastTransitionTime(), old.getLastTransitionTime());
            if (equal) {
                return Optional.empty();
            }
            conditions.set(i, c);
            next.setConditions(conditions);
            return Optional.of(next);
        }
        conditions.add(new PodConditionBuilder(condition).build());
        next.setConditions(conditions);
        return Optional.of(next);
    }
}
