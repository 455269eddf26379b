package io.kubeboot.node.nodestatus;

import io.fabric8.kubernetes.api.model.Quantity;

import java.util.Map;
import java.util.TreeMap;

/**
 * The node's capacity and allocatable (upstream's MachineInfo setter and the container manager's node
 * allocatable): cpu, memory, pods, ephemeral-storage and the hugepages sizes, allocatable being capacity minus
 * the default hard eviction thresholds ({@code memory.available<100Mi}, {@code nodefs.available<10%}); no system
 * or kube reservations are configured. Pure.
 */
public final class NodeCapacity {
    /** Upstream's default hard eviction threshold memory.available. */
    static final long EVICTION_MEMORY_AVAILABLE = 100L * 1024 * 1024;
    /** Upstream's default nodefs.available, a float32 0.1 widened to float64 as the kubelet computes with it. */
    static final double EVICTION_NODEFS_AVAILABLE = (double) 0.1f;

    private NodeCapacity() {
    }

    /** The two resource lists, keys sorted as Go writes maps. */
    public record Resources(Map<String, Quantity> capacity, Map<String, Quantity> allocatable) {
        public Resources {
            capacity = new TreeMap<>(capacity);
            allocatable = new TreeMap<>(allocatable);
        }
    }

    /**
     * @param cpuOverride      configured CPU quantity, or null for the host's cores
     * @param memoryOverride   configured memory quantity, or null for the host's MemTotal
     * @param ephemeralBytes   size of the root dir's file system
     */
    public static Resources compute(HostInfo host, String cpuOverride, String memoryOverride, int maxPods, long ephemeralBytes) {
        long milliCpu = cpuOverride != null ? ResourceQuantities.milliValue(cpuOverride) : host.cpuCores() * 1000L;
        long memory = memoryOverride != null ? ResourceQuantities.byteValue(memoryOverride) : host.memoryBytes();
        Map<String, Quantity> capacity = new TreeMap<>();
        capacity.put("cpu", ResourceQuantities.milliCpu(milliCpu));
        capacity.put("memory", ResourceQuantities.bytes(memory));
        capacity.put("pods", ResourceQuantities.count(maxPods));
        capacity.put("ephemeral-storage", ResourceQuantities.bytes(ephemeralBytes));
        capacity.put("hugepages-1Gi", ResourceQuantities.count(0));
        capacity.put("hugepages-2Mi", ResourceQuantities.count(0));

        Map<String, Quantity> allocatable = new TreeMap<>(capacity);
        allocatable.put("memory", ResourceQuantities.bytes(Math.max(0, memory - EVICTION_MEMORY_AVAILABLE)));
        long nodefsReserved = (long) ((double) ephemeralBytes * EVICTION_NODEFS_AVAILABLE);
        allocatable.put("ephemeral-storage", ResourceQuantities.bytes(Math.max(0, ephemeralBytes - nodefsReserved)));
        return new Resources(capacity, allocatable);
    }
}
