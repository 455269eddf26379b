package io.kubeboot.controller.util;

import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.Toleration;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Upstream {@code pkg/util/taints}, {@code v1.Taint.MatchTaint} / {@code v1.Toleration.ToleratesTaint} and
 * {@code v1helper.GetMatchingTolerations}: taint sets and toleration matching. Pure functions; lists are never
 * modified, results are new lists of copies.
 */
public final class Taints {
    /** Upstream {@code v1.TaintNodeNotReady}. */
    public static final String NOT_READY = "node.kubernetes.io/not-ready";
    public static final String UNREACHABLE = "node.kubernetes.io/unreachable";
    public static final String UNSCHEDULABLE = "node.kubernetes.io/unschedulable";
    public static final String MEMORY_PRESSURE = "node.kubernetes.io/memory-pressure";
    public static final String DISK_PRESSURE = "node.kubernetes.io/disk-pressure";
    public static final String NETWORK_UNAVAILABLE = "node.kubernetes.io/network-unavailable";
    public static final String PID_PRESSURE = "node.kubernetes.io/pid-pressure";

    public static final String NO_SCHEDULE = "NoSchedule";
    public static final String PREFER_NO_SCHEDULE = "PreferNoSchedule";
    public static final String NO_EXECUTE = "NoExecute";

    private Taints() {
    }

    public static Taint taint(String key, String effect) {
        return new TaintBuilder().withKey(key).withEffect(effect).build();
    }

    /** Upstream {@code MatchTaint}: same key and effect (value and timeAdded do not count). */
    public static boolean matches(Taint a, Taint b) {
        return Objects.equals(a.getKey(), b.getKey()) && Objects.equals(a.getEffect(), b.getEffect());
    }

    /** Upstream {@code TaintExists}: some taint of {@code taints} matches {@code find}. */
    public static boolean exists(List<Taint> taints, Taint find) {
        return nn(taints).stream().anyMatch(t -> matches(t, find));
    }

    /**
     * Upstream {@code AddOrUpdateTaint}: the taints with {@code taint} in place of a matching one (or appended).
     *
     * @return empty when a matching taint already equals {@code taint} (nothing to write)
     */
    public static Optional<List<Taint>> addOrUpdate(List<Taint> taints, Taint taint) {
        List<Taint> out = new ArrayList<>();
        boolean replaced = false;
        for (Taint t : nn(taints)) {
            if (matches(taint, t)) {
                if (semanticEquals(taint, t)) {
                    return Optional.empty();
                }
                out.add(copy(taint));
                replaced = true;
            } else {
                out.add(copy(t));
            }
        }
        if (!replaced) {
            out.add(copy(taint));
        }
        return Optional.of(out);
    }

    /** Upstream {@code DeleteTaint}: the taints without any matching {@code taint}. */
    public static List<Taint> remove(List<Taint> taints, Taint taint) {
        List<Taint> out = new ArrayList<>();
        for (Taint t : nn(taints)) {
            if (!matches(taint, t)) {
                out.add(copy(t));
            }
        }
        return out;
    }

    /**
     * Upstream {@code TaintSetDiff}: the taints of {@code desired} that no taint of {@code current} matches (to add)
     * and the taints of {@code current} that no taint of {@code desired} matches (to remove).
     */
    public static Diff diff(List<Taint> desired, List<Taint> current) {
        List<Taint> add = nn(desired).stream().filter(t -> !exists(current, t)).map(Taints::copy).toList();
        List<Taint> del = nn(current).stream().filter(t -> !exists(desired, t)).map(Taints::copy).toList();
        return new Diff(add, del);
    }

    /** The taints to add and to remove. */
    public record Diff(List<Taint> toAdd, List<Taint> toRemove) {
        public boolean isEmpty() {
            return toAdd.isEmpty() && toRemove.isEmpty();
        }
    }

    /** The taints with {@code effect}. */
    public static List<Taint> withEffect(List<Taint> taints, String effect) {
        return nn(taints).stream().filter(t -> effect.equals(t.getEffect())).toList();
    }

    /** Upstream {@code Toleration.ToleratesTaint}; an empty operator means Equal, an unknown one matches nothing. */
    public static boolean tolerates(Toleration toleration, Taint taint) {
        if (!isEmpty(toleration.getEffect()) && !toleration.getEffect().equals(taint.getEffect())) {
            return false;
        }
        if (!isEmpty(toleration.getKey()) && !toleration.getKey().equals(taint.getKey())) {
            return false;
        }
        String op = toleration.getOperator() == null ? "" : toleration.getOperator();
        return switch (op) {
            case "", "Equal" -> Objects.equals(emptyIfNull(toleration.getValue()), emptyIfNull(taint.getValue()));
            case "Exists" -> true;
            default -> false;
        };
    }

    /**
     * Upstream {@code GetMatchingTolerations}: whether every taint is tolerated, and for each taint the first
     * toleration tolerating it (empty when not all are tolerated).
     */
    public static Matching matchingTolerations(List<Taint> taints, List<Toleration> tolerations) {
        if (nn(taints).isEmpty()) {
            return new Matching(true, List.of());
        }
        List<Toleration> used = new ArrayList<>();
        for (Taint taint : taints) {
            Optional<Toleration> first = nn(tolerations).stream().filter(t -> tolerates(t, taint)).findFirst();
            if (first.isEmpty()) {
                return new Matching(false, List.of());
            }
            used.add(first.get());
        }
        return new Matching(true, List.copyOf(used));
    }

    /** Result of {@link #matchingTolerations}. */
    public record Matching(boolean allTolerated, List<Toleration> used) {
    }

    private static boolean semanticEquals(Taint a, Taint b) {
        return matches(a, b) && Objects.equals(emptyIfNull(a.getValue()), emptyIfNull(b.getValue()))
                && Objects.equals(a.getTimeAdded(), b.getTimeAdded());
    }

    public static Taint copy(Taint t) {
        return new TaintBuilder(t).build();
    }

    private static <T> List<T> nn(List<T> l) {
        return l == null ? List.of() : l;
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }

    private static String emptyIfNull(String s) {
        return s == null ? "" : s;
    }
}
