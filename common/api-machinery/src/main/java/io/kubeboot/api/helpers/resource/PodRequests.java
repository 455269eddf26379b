package io.kubeboot.api.helpers.resource;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A pod's effective resource requests, as upstream's {@code resource.PodRequests}
 * (k8s.io/component-helpers): the sum of the app containers and of the restartable init containers
 * (sidecars), or the largest single init container together with the sidecars started before it,
 * whichever is larger per resource; plus the pod overhead.
 *
 * <p>Values are integers: {@code cpu} in millicores, everything else in whole units (bytes, counts).
 * With {@code nonZero}, a container that requests no cpu counts {@value #DEFAULT_MILLI_CPU}m and one
 * that requests no memory {@value #DEFAULT_MEMORY} bytes, as the scheduler's scoring does
 * ({@code schedutil.GetNonzeroRequests}), so that many request-less pods do not all land on one node.
 */
public final class PodRequests {
    public static final String CPU = "cpu";
    public static final String MEMORY = "memory";
    public static final long DEFAULT_MILLI_CPU = 100;
    public static final long DEFAULT_MEMORY = 200L * 1024 * 1024;

    private PodRequests() {
    }

    /** Requests by resource name; the map is new and owned by the caller. */
    public static Map<String, Long> of(Pod pod, boolean nonZero) {
        PodSpec spec = pod.getSpec();
        Map<String, Long> reqs = new HashMap<>();
        if (spec == null) {
            return reqs;
        }
        for (Container c : nullSafe(spec.getContainers())) {
            addTo(reqs, containerRequests(c, nonZero));
        }
        Map<String, Long> sidecars = new HashMap<>();
        Map<String, Long> initMax = new HashMap<>();
        for (Container c : nullSafe(spec.getInitContainers())) {
            Map<String, Long> r = containerRequests(c, nonZero);
            if ("Always".equals(c.getRestartPolicy())) {
                // a sidecar keeps running next to the app containers and the later init containers
                addTo(reqs, r);
                addTo(sidecars, r);
                maxInto(initMax, sidecars);
            } else {
                Map<String, Long> withSidecars = new HashMap<>(r);
                addTo(withSidecars, sidecars);
                maxInto(initMax, withSidecars);
            }
        }
        maxInto(reqs, initMax);
        if (spec.getOverhead() != null) {
            spec.getOverhead().forEach((name, q) -> reqs.merge(name, toLong(name, q), Long::sum));
        }
        return reqs;
    }

    private static Map<String, Long> containerRequests(Container c, boolean nonZero) {
        Map<String, Long> out = new HashMap<>();
        Map<String, Quantity> requests = c.getResources() == null ? null : c.getResources().getRequests();
        if (requests != null) {
            requests.forEach((name, q) -> out.put(name, toLong(name, q)));
        }
        if (nonZero) {
            out.putIfAbsent(CPU, DEFAULT_MILLI_CPU);
            out.putIfAbsent(MEMORY, DEFAULT_MEMORY);
        }
        return out;
    }

    /** cpu in millicores, all else in units. */
    public static long toLong(String resourceName, Quantity q) {
        return CPU.equals(resourceName) ? Quantities.milliValue(q) : Quantities.value(q);
    }

    private static void addTo(Map<String, Long> into, Map<String, Long> add) {
        add.forEach((k, v) -> into.merge(k, v, Long::sum));
    }

    private static void maxInto(Map<String, Long> into, Map<String, Long> other) {
        other.forEach((k, v) -> into.merge(k, v, Math::max));
    }

    private static <T> List<T> nullSafe(List<T> l) {
        return l == null ? List.of() : l;
    }
}
