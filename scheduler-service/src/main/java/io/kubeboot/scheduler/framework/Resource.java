package io.kubeboot.scheduler.framework;

import io.fabric8.kubernetes.api.model.Quantity;
import io.kubeboot.api.helpers.resource.PodRequests;

import java.util.HashMap;
import java.util.Map;

/**
 * An amount of node resources, as upstream's {@code framework.Resource}: cpu in millicores, memory and
 * ephemeral storage in bytes, a pod count, and the scalar resources (extended resources, hugepages) by
 * name.
 *
 * <p>Not thread safe: each instance belongs to one {@link NodeInfo} or one {@link PodInfo}; snapshots
 * copy it.
 */
public final class Resource {
    public static final String EPHEMERAL_STORAGE = "ephemeral-storage";
    public static final String PODS = "pods";

    private long milliCpu;
    private long memory;
    private long ephemeralStorage;
    private long allowedPodNumber;
    private Map<String, Long> scalar = Map.of();

    public Resource() {
    }

    /** From a resource map with cpu in millicores (what {@link PodRequests#of} returns). */
    public static Resource fromRequests(Map<String, Long> requests) {
        Resource r = new Resource();
        requests.forEach(r::add);
        return r;
    }

    /** From a node's allocatable or capacity list. */
    public static Resource fromQuantities(Map<String, Quantity> list) {
        Resource r = new Resource();
        if (list != null) {
            list.forEach((name, q) -> r.add(name, PodRequests.toLong(name, q)));
        }
        return r;
    }

    /** Adds an amount of one resource (cpu in millicores). */
    public void add(String name, long amount) {
        switch (name) {
            case PodRequests.CPU -> milliCpu += amount;
            case PodRequests.MEMORY -> memory += amount;
            case EPHEMERAL_STORAGE -> ephemeralStorage += amount;
            case PODS -> allowedPodNumber += amount;
            default -> {
                if (isScalar(name)) {
                    if (scalar.isEmpty()) {
                        scalar = new HashMap<>();
                    }
                    scalar.merge(name, amount, Long::sum);
                }
            }
        }
    }

    /** Adds another amount (the pod count is not touched, as upstream's {@code Resource.Add}). */
    public void add(Resource other) {
        milliCpu += other.milliCpu;
        memory += other.memory;
        ephemeralStorage += other.ephemeralStorage;
        other.scalar.forEach(this::add);
    }

    /** Removes another amount, as {@code NodeInfo.RemovePod} does. */
    public void subtract(Resource other) {
        milliCpu -= other.milliCpu;
        memory -= other.memory;
        ephemeralStorage -= other.ephemeralStorage;
        other.scalar.forEach((k, v) -> add(k, -v));
    }

    /**
     * Extended resources (a domain-qualified name outside kubernetes.io), prefixed native resources
     * ({@code *kubernetes.io/...}), hugepages and attachable volume limits: the names upstream's
     * {@code IsScalarResourceName} accepts.
     */
    public static boolean isScalar(String name) {
        if (name.startsWith("hugepages-") || name.startsWith("attachable-volumes-") || name.contains("kubernetes.io/")) {
            return true;
        }
        int slash = name.indexOf('/');
        if (slash <= 0) {
            return false;
        }
        String domain = name.substring(0, slash);
        boolean native_ = domain.equals("kubernetes.io") || domain.endsWith(".kubernetes.io");
        return !native_ && !name.startsWith("requests.");
    }

    public long milliCpu() {
        return milliCpu;
    }

    public long memory() {
        return memory;
    }

    public long ephemeralStorage() {
        return ephemeralStorage;
    }

    public long allowedPodNumber() {
        return allowedPodNumber;
    }

    /** Scalar resources by name; read only. */
    public Map<String, Long> scalar() {
        return scalar.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(scalar);
        // (an unmodifiable view costs one small allocation; callers on hot paths check isEmpty() first)
    }

    public long scalar(String name) {
        return scalar.getOrDefault(name, 0L);
    }

    /** The amount of a resource by its API name (cpu in millicores). */
    public long get(String name) {
        return switch (name) {
            case PodRequests.CPU -> milliCpu;
            case PodRequests.MEMORY -> memory;
            case EPHEMERAL_STORAGE -> ephemeralStorage;
            case PODS -> allowedPodNumber;
            default -> scalar(name);
        };
    }

    public Resource copy() {
        Resource r = new Resource();
        r.milliCpu = milliCpu;
        r.memory = memory;
        r.ephemeralStorage = ephemeralStorage;
        r.allowedPodNumber = allowedPodNumber;
        r.scalar = scalar.isEmpty() ? Map.of() : new HashMap<>(scalar);
        return r;
    }

    @Override
    public String toString() {
        return "Resource{cpu=" + milliCpu + "m, memory=" + memory + ", ephemeral-storage=" + ephemeralStorage
                + ", pods=" + allowedPodNumber + (scalar.isEmpty() ? "" : ", " + scalar) + "}";
    }
}
