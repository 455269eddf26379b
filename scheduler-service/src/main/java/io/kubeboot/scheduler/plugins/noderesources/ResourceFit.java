package io.kubeboot.scheduler.plugins.noderesources;

import io.kubeboot.scheduler.framework.NodeInfo;
import io.kubeboot.scheduler.framework.Resource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Upstream's {@code fitsRequest}: every way a pod with the given requests does not fit a node as it is
 * now (its pods' requests against its allocatable), all reported together: the pod count first, then
 * cpu, memory, ephemeral-storage and the scalar resources (by name, for a stable message).
 *
 * <p>Extended resources named in {@code ignoredExtended}, or whose domain (the part before {@code /}) is
 * in {@code ignoredGroups}, are not checked. Requests of zero are never insufficient.
 */
final class ResourceFit {
    private ResourceFit() {
    }

    static List<InsufficientResource> insufficient(Resource podRequest, NodeInfo node, Set<String> ignoredExtended,
                                                   Set<String> ignoredGroups) {
        // allocated only when something is insufficient: this runs for every node of every cycle
        List<InsufficientResource> out = null;
        // the node's flat copies first: the Resource objects are loaded only for scalar resources
        long allowedPods = node.allowedPodNumber();
        long pods = node.podCount();
        if (pods + 1 > allowedPods) {
            out = add(out, new InsufficientResource(Resource.PODS, "Too many pods", 1, pods, allowedPods));
        }
        if (podRequest.milliCpu() == 0 && podRequest.memory() == 0 && podRequest.ephemeralStorage() == 0
                && podRequest.scalar().isEmpty()) {
            return out == null ? List.of() : out;
        }
        long cpu = node.allocatableMilliCpu();
        long usedCpu = node.requestedMilliCpu();
        if (podRequest.milliCpu() > 0 && podRequest.milliCpu() > cpu - usedCpu) {
            out = add(out, new InsufficientResource("cpu", "Insufficient cpu", podRequest.milliCpu(), usedCpu, cpu));
        }
        long memory = node.allocatableMemory();
        long usedMemory = node.requestedMemory();
        if (podRequest.memory() > 0 && podRequest.memory() > memory - usedMemory) {
            out = add(out, new InsufficientResource("memory", "Insufficient memory", podRequest.memory(), usedMemory, memory));
        }
        long storage = node.allocatableEphemeralStorage();
        long usedStorage = node.requestedEphemeralStorage();
        if (podRequest.ephemeralStorage() > 0 && podRequest.ephemeralStorage() > storage - usedStorage) {
            out = add(out, new InsufficientResource(Resource.EPHEMERAL_STORAGE, "Insufficient ephemeral-storage",
                    podRequest.ephemeralStorage(), usedStorage, storage));
        }
        Map<String, Long> scalar = podRequest.scalar();
        // the sorted copy gives a stable reason order; most pods have no scalar resources at all
        Resource alloc = scalar.isEmpty() ? null : node.allocatable();
        Resource used = scalar.isEmpty() ? null : node.requested();
        for (String name : scalar.isEmpty() ? Set.<String>of() : new TreeSet<>(scalar.keySet())) {
            long quantity = podRequest.scalar(name);
            if (quantity == 0 || ignored(name, ignoredExtended, ignoredGroups)) {
                continue;
            }
            if (quantity > alloc.scalar(name) - used.scalar(name)) {
                out = add(out, new InsufficientResource(name, "Insufficient " + name, quantity, used.scalar(name), alloc.scalar(name)));
            }
        }
        return out == null ? List.of() : out;
    }

    private static List<InsufficientResource> add(List<InsufficientResource> out, InsufficientResource r) {
        List<InsufficientResource> l = out == null ? new ArrayList<>(4) : out;
        l.add(r);
        return l;
    }

    private static boolean ignored(String name, Set<String> ignoredExtended, Set<String> ignoredGroups) {
        if (ignoredExtended.isEmpty() && ignoredGroups.isEmpty()) {
            return false;
        }
        if (!ResourceNames.isExtended(name)) {
            return false;
        }
        // an extended resource name always has a domain part (API validation)
        String group = name.substring(0, name.indexOf('/'));
        return ignoredExtended.contains(name) || ignoredGroups.contains(group);
    }
}
