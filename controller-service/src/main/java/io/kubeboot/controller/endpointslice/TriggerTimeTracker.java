package io.kubeboot.controller.endpointslice;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Service;
import io.kubeboot.controller.util.PodConditions;
import io.kubeboot.controller.util.Times;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Upstream {@code TriggerTimeTracker}: computes the {@code endpoints.kubernetes.io/last-change-trigger-time} of a
 * sync: the Service's creationTimestamp the first time a Service is seen, later the earliest of the trigger times
 * (pods' Ready transition time, Service creation) that moved since the previous sync; empty when none did.
 *
 * <p>Thread safe for different Services; never called concurrently for one Service (the work queue guarantees it).
 */
public final class TriggerTimeTracker {
    private record State(Instant serviceTrigger, Map<String, Instant> podTriggers) {
    }

    private final Map<String, State> states = new ConcurrentHashMap<>();

    public Optional<Instant> compute(String namespace, Service service, List<Pod> pods) {
        String key = namespace + "/" + service.getMetadata().getName();
        State state = states.get(key);
        Map<String, Instant> lastPods = state == null ? Map.of() : state.podTriggers();
        Instant minChanged = null;
        Map<String, Instant> podTriggers = new HashMap<>();
        for (Pod pod : pods) {
            Optional<Instant> t = podTriggerTime(pod);
            if (t.isEmpty()) {
                continue;
            }
            podTriggers.put(pod.getMetadata().getName(), t.get());
            Instant last = lastPods.get(pod.getMetadata().getName());
            if (last == null || t.get().isAfter(last)) {
                minChanged = min(minChanged, t.get());
            }
        }
        Instant serviceTrigger = Times.parse(service.getMetadata().getCreationTimestamp()).orElse(null);
        if (serviceTrigger != null && (state == null || state.serviceTrigger() == null || serviceTrigger.isAfter(state.serviceTrigger()))) {
            minChanged = min(minChanged, serviceTrigger);
        }
        states.put(key, new State(serviceTrigger, podTriggers));
        if (state == null) {
            return Optional.ofNullable(serviceTrigger);
        }
        return Optional.ofNullable(minChanged);
    }

    public void deleteService(String namespace, String name) {
        states.remove(namespace + "/" + name);
    }

    private static Optional<Instant> podTriggerTime(Pod pod) {
        return PodConditions.readyCondition(pod).map(PodCondition::getLastTransitionTime).flatMap(Times::parse);
    }

    private static Instant min(Instant cur, Instant next) {
        return cur == null || next.isBefore(cur) ? next : cur;
    }

    /** Go's RFC3339Nano in UTC: fractional seconds without trailing zeros. */
    public static String format(Instant t) {
        String s = t.toString();
        int dot = s.indexOf('.');
        if (dot < 0) {
            return s;
        }
        String frac = s.substring(dot + 1, s.length() - 1).replaceAll("0+$", "");
        return s.substring(0, dot) + (frac.isEmpty() ? "" : "." + frac) + "Z";
    }
}
