package io.kubeboot.api.helpers.scheduling;

import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Taints and tolerations, as {@code k8s.io/api/core/v1} {@code toleration.go}/{@code taint.go} and
 * component-helpers' {@code FindMatchingUntoleratedTaint}. Null fields of the fabric8 model read as
 * Go's empty string.
 */
public final class Taints {
    public static final String EFFECT_NO_SCHEDULE = "NoSchedule";
    public static final String EFFECT_PREFER_NO_SCHEDULE = "PreferNoSchedule";
    public static final String EFFECT_NO_EXECUTE = "NoExecute";
    public static final String OPERATOR_EXISTS = "Exists";
    public static final String OPERATOR_EQUAL = "Equal";

    /** The taint that stands for {@code spec.unschedulable} (node lifecycle adds it with NoSchedule). */
    public static final String TAINT_NODE_UNSCHEDULABLE = "node.kubernetes.io/unschedulable";

    /** Taints that keep pods off a node: NoSchedule and NoExecute (upstream's DoNotScheduleTaintsFilterFunc). */
    public static final Predicate<Taint> DO_NOT_SCHEDULE = t -> EFFECT_NO_SCHEDULE.equals(t.getEffect())
            || EFFECT_NO_EXECUTE.equals(t.getEffect());

    private Taints() {
    }

    /**
     * Upstream {@code Toleration.ToleratesTaint}: an empty toleration effect matches every effect, an
     * empty key every key; operator {@code Exists} matches any value, {@code Equal} (or empty) only the
     * same value; any other operator tolerates nothing.
     */
    public static boolean toleratesTaint(Toleration toleration, Taint taint) {
        String effect = nz(toleration.getEffect());
        if (!effect.isEmpty() && !effect.equals(nz(taint.getEffect()))) {
            return false;
        }
        String key = nz(toleration.getKey());
        if (!key.isEmpty() && !key.equals(nz(taint.getKey()))) {
            return false;
        }
        return switch (nz(toleration.getOperator())) {
            case "", OPERATOR_EQUAL -> nz(toleration.getValue()).equals(nz(taint.getValue()));
            case OPERATOR_EXISTS -> true;
            default -> false;
        };
    }

    /** Upstream {@code TolerationsTolerateTaint}: whether any toleration tolerates the taint. */
    public static boolean tolerationsTolerateTaint(List<Toleration> tolerations, Taint taint) {
        if (tolerations != null) {
            for (Toleration t : tolerations) {
                if (toleratesTaint(t, taint)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Upstream {@code FindMatchingUntoleratedTaint}: the first taint that passes {@code filter} (null
     * means every taint) and that no toleration tolerates; empty when all are tolerated.
     */
    public static Optional<Taint> findMatchingUntoleratedTaint(List<Taint> taints, List<Toleration> tolerations,
                                                               Predicate<Taint> filter) {
        if (taints != null) {
            for (Taint taint : taints) {
                if ((filter == null || filter.test(taint)) && !tolerationsTolerateTaint(tolerations, taint)) {
                    return Optional.of(taint);
                }
            }
        }
        return Optional.empty();
    }

    /** Upstream {@code Taint.MatchTaint}: same key and effect (the value does not matter). */
    public static boolean matchTaint(Taint a, Taint b) {
        return nz(a.getKey()).equals(nz(b.getKey())) && nz(a.getEffect()).equals(nz(b.getEffect()));
    }

    /** Upstream {@code Taint.ToString}: {@code key=value:effect}, or {@code key:effect} without a value. */
    public static String toString(Taint t) {
        String value = nz(t.getValue());
        return value.isEmpty() ? nz(t.getKey()) + ":" + nz(t.getEffect())
                : nz(t.getKey()) + "=" + value + ":" + nz(t.getEffect());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
