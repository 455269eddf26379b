package io.kubeboot.node.kubelet.env;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceFieldSelector;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.kubeboot.api.helpers.resource.Quantities;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The downward API's {@code resourceFieldRef} values (upstream resource.ExtractContainerResourceValue with the
 * kubelet's defaultPodLimitsForDownwardAPI): a limit that is unset (or zero) reads as the node's allocatable amount;
 * the value is divided by the divisor (default 1) and rounded up. Failures are {@link IllegalArgumentException}s
 * with upstream's message. Pure.
 */
public final class ResourceFieldRefs {
    private static final List<String> DEFAULTED_LIMITS = List.of("cpu", "memory", "ephemeral-storage");

    private ResourceFieldRefs() {
    }

    /**
     * The value for {@code container} (the selector's containerName, when set, picks another container of the pod).
     *
     * @param nodeAllocatable the node's status.allocatable, empty when unknown (then unset limits read as 0)
     */
    public static String value(ResourceFieldSelector ref, Pod pod, Container container, Map<String, Quantity> nodeAllocatable) {
        Container target = container;
        if (ref.getContainerName() != null && !ref.getContainerName().isEmpty()) {
            target = findContainer(pod, ref.getContainerName());
        }
        return extract(ref, withDefaultLimits(target, nodeAllocatable));
    }

    /** Upstream ExtractContainerResourceValue over the (already defaulted) container. */
    static String extract(ResourceFieldSelector ref, Container container) {
        BigDecimal divisor = Quantities.amount(ref.getDivisor());
        if (divisor.signum() == 0) {
            divisor = BigDecimal.ONE;
        }
        ResourceRequirements resources = container.getResources();
        Map<String, Quantity> limits = resources == null || resources.getLimits() == null ? Map.of() : resources.getLimits();
        Map<String, Quantity> requests = resources == null || resources.getRequests() == null ? Map.of() : resources.getRequests();
        String resource = ref.getResource() == null ? "" : ref.getResource();
        switch (resource) {
            case "limits.cpu":
                return cpu(limits.get("cpu"), divisor);
            case "limits.memory":
                return whole(limits.get("memory"), divisor);
            case "limits.ephemeral-storage":
                return whole(limits.get("ephemeral-storage"), divisor);
            case "requests.cpu":
                return cpu(requests.get("cpu"), divisor);
            case "requests.memory":
                return whole(requests.get("memory"), divisor);
            case "requests.ephemeral-storage":
                return whole(requests.get("ephemeral-storage"), divisor);
            default:
                break;
        }
        if (resource.startsWith("requests.hugepages-")) {
            return whole(requests.get(resource.substring("requests.".length())), divisor);
        }
        if (resource.startsWith("limits.hugepages-")) {
            return whole(limits.get(resource.substring("limits.".length())), divisor);
        }
        throw new IllegalArgumentException("unsupported container resource : " + resource);
    }

    static Container findContainer(Pod pod, String name) {
        for (List<Container> list : List.of(nullToEmpty(pod.getSpec().getContainers()), nullToEmpty(pod.getSpec().getInitContainers()))) {
            for (Container c : list) {
                if (name.equals(c.getName())) {
                    return c;
                }
            }
        }
        throw new IllegalArgumentException("container " + name + " not found");
    }

    /** Upstream MergeContainerResourceLimits on a copy: unset or zero cpu/memory/ephemeral-storage limits from allocatable. */
    static Container withDefaultLimits(Container container, Map<String, Quantity> allocatable) {
        ResourceRequirements resources = container.getResources();
        Map<String, Quantity> limits = new LinkedHashMap<>();
        if (resources != null && resources.getLimits() != null) {
            limits.putAll(resources.getLimits());
        }
        for (String name : DEFAULTED_LIMITS) {
            Quantity q = limits.get(name);
            if ((q == null || Quantities.amount(q).signum() == 0) && allocatable != null && allocatable.containsKey(name)) {
                limits.put(name, allocatable.get(name));
            }
        }
        ResourceRequirements copy = new ResourceRequirements();
        copy.setLimits(limits);
        copy.setRequests(resources == null ? null : resources.getRequests());
        Container out = new Container();
        out.setName(container.getName());
        out.setResources(copy);
        return out;
    }

    // int64(math.Ceil(float64(cpu.MilliValue()) / float64(divisor.MilliValue())))
    private static String cpu(Quantity q, BigDecimal divisor) {
        double v = Math.ceil((double) Quantities.milliValue(q) / (double) Quantities.milliValue(divisor));
        return Long.toString((long) v);
    }

    // int64(math.Ceil(float64(q.Value()) / float64(divisor.Value())))
    private static String whole(Quantity q, BigDecimal divisor) {
        double v = Math.ceil((double) Quantities.value(q) / (double) Quantities.value(divisor));
        return Long.toString((long) v);
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
