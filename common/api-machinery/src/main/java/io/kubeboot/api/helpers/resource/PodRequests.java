package io.kubeboot.api.helpers.resource;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A pod's effective resource requests, as upstream's {@code resource.PodRequests}
 * (k8s.io/component-helpers): the sum of the app containers and of the restartable init containers
 * (sidecars), or the largest single init container together with the sidecars started before it,
 * whichever is larger per resource; plus the pod overhead.
 *
 * <p>Quantities are added exactly and rounded up once at the end, as upstream adds
 * {@code resource.Quantity} values and only then takes {@code MilliValue()}/{@code Value()}: two
 * containers requesting memory {@code 500m} make 1 byte, not 2.
 *
 * <p>Values are integers: {@code cpu} in millicores, everything else in whole units (bytes, counts).
 * With {@code nonZero}, a container that has no cpu request counts {@value #DEFAULT_MILLI_CPU}m and one
 * that has no memory request {@value #DEFAULT_MEMORY} bytes (upstream's
 * {@code NonMissingContainerRequests}, used by the scheduler's scoring), so that many request-less pods do
 * not all land on one node. An explicit zero request stays zero. Pod-level resources
 * ({@code spec.resources}, alpha and off in 1.32) and in-place resize status are not considered.
 */
public final class PodRequests {
    public static final String CPU = "cpu";
    public static final String MEMORY = "memory";
    public static final long DEFAULT_MILLI_CPU = 100;
    public static final long DEFAULT_MEMORY = 200L * 1024 * 1024;

    private static final BigDecimal DEFAULT_CPU_CORES = BigDecimal.valueOf(DEFAULT_MILLI_CPU, 3);
    private static final BigDecimal DEFAULT_MEMORY_BYTES = BigDecimal.valueOf(DEFAULT_MEMORY);

    private PodRequests() {
    }

    /** Requests by resource name; the map is new and owned by the caller. */
    public static Map<String, Long> of(Pod pod, boolean nonZero) {
        Map<String, Long> out = new HashMap<>();
        exact(pod, nonZero).forEach((name, amount) -> out.put(name, toLong(name, amount)));
        return out;
    }

    /** Requests by resource name as exact amounts in the API's units (cpu in cores). */
    public static Map<String, BigDecimal> exact(Pod pod, boolean nonZero) {
        PodSpec spec = pod.getSpec();
        Map<String, BigDecimal> reqs = new HashMap<>();
        if (spec == null) {
            return reqs;
        }
        for (Container c : nullSafe(spec.getContainers())) {
            addTo(reqs, containerRequests(c, nonZero));
        }
        Map<String, BigDecimal> sidecars = new HashMap<>();
        Map<String, BigDecimal> initMax = new HashMap<>();
        for (Container c : nullSafe(spec.getInitContainers())) {
            Map<String, BigDecimal> r = containerRequests(c, nonZero);
            if ("Always".equals(c.getRestartPolicy())) {
                // a sidecar keeps running next to the app containers and the later init containers
                addTo(reqs, r);
                addTo(sidecars, r);
                maxInto(initMax, sidecars);
            } else {
                Map<String, BigDecimal> withSidecars = new HashMap<>(r);
                addTo(withSidecars, sidecars);
                maxInto(initMax, withSidecars);
            }
        }
        maxInto(reqs, initMax);
        if (spec.getOverhead() != null) {
            spec.getOverhead().forEach((name, q) -> reqs.merge(name, Quantities.amount(q), BigDecimal::add));
        }
        return reqs;
    }

    private static Map<String, BigDecimal> containerRequests(Container c, boolean nonZero) {
        Map<String, BigDecimal> out = new HashMap<>();
        Map<String, Quantity> requests = c.getResources() == null ? null : c.getResources().getRequests();
        if (requests != null) {
            requests.forEach((name, q) -> out.put(name, Quantities.amount(q)));
        }
        if (nonZero) {
            out.putIfAbsent(CPU, DEFAULT_CPU_CORES);
            out.putIfAbsent(MEMORY, DEFAULT_MEMORY_BYTES);
        }
        return out;
    }

    /** cpu in millicores, all else in units, rounded up. */
    public static long toLong(String resourceName, Quantity q) {
        return CPU.equals(resourceName) ? Quantities.milliValue(q) : Quantities.value(q);
    }

    /** An exact amount as {@link #toLong(String, Quantity)} converts a quantity. */
    public static long toLong(String resourceName, BigDecimal amount) {
        return CPU.equals(resourceName) ? Quantities.milliValue(amount) : Quantities.value(amount);
    }

    private static void addTo(Map<String, BigDecimal> into, Map<String, BigDecimal> add) {
        add.forEach((k, v) -> into.merge(k, v, BigDecimal::add));
    }

    private static void maxInto(Map<String, BigDecimal> into, Map<String, BigDecimal> other) {
        other.forEach((k, v) -> into.merge(k, v, BigDecimal::max));
    }

    private static <T> List<T> nullSafe(List<T> l) {
        return l == null ? List.of() : l;
    }
}
