package io.kubeboot.controller.podgc;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.kubeboot.controller.util.PodConditions;
import io.kubeboot.controller.util.Times;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Which pods the pod garbage collector removes (upstream {@code gc_controller.go}'s selections). Pure. */
final class PodGcPolicy {
    /** Upstream {@code v1.TaintNodeOutOfService}. */
    static final String TAINT_OUT_OF_SERVICE = "node.kubernetes.io/out-of-service";

    private PodGcPolicy() {
    }

    /** Upstream {@code isPodTerminated}: a phase other than Pending, Running and Unknown (an empty phase counts). */
    static boolean isPodTerminated(Pod pod) {
        String phase = PodConditions.phase(pod);
        return !"Pending".equals(phase) && !"Running".equals(phase) && !"Unknown".equals(phase);
    }

    /**
     * Upstream {@code gcTerminated}: the terminated pods beyond {@code threshold}, evicted ones first, then oldest
     * first (name breaking ties). None when the threshold is 0 or less.
     */
    static List<Pod> terminatedToDelete(List<Pod> pods, int threshold) {
        if (threshold <= 0) {
            return List.of();
        }
        List<Pod> terminated = new ArrayList<>();
        for (Pod p : pods) {
            if (isPodTerminated(p)) {
                terminated.add(p);
            }
        }
        int deleteCount = terminated.size() - threshold;
        if (deleteCount <= 0) {
            return List.of();
        }
        terminated.sort(BY_EVICTION_AND_CREATION);
        return List.copyOf(terminated.subList(0, deleteCount));
    }

    /** Upstream {@code byEvictionAndCreationTimestamp}. */
    static final Comparator<Pod> BY_EVICTION_AND_CREATION = Comparator
            .comparing((Pod p) -> !isEvicted(p))
            .thenComparing(p -> Times.parse(p.getMetadata().getCreationTimestamp()).orElse(Instant.EPOCH))
            .thenComparing(p -> p.getMetadata().getName());

    /** Upstream {@code eviction.PodIsEvicted}: phase Failed with reason Evicted. */
    static boolean isEvicted(Pod pod) {
        return "Failed".equals(PodConditions.phase(pod)) && pod.getStatus() != null && "Evicted".equals(pod.getStatus().getReason());
    }

    /** Node names pods are bound to that are not in {@code existing}. */
    static Set<String> missingNodes(List<Pod> pods, Set<String> existing) {
        Set<String> out = new java.util.TreeSet<>();
        for (Pod p : pods) {
            String node = PodConditions.nodeName(p);
            if (!node.isEmpty() && !existing.contains(node)) {
                out.add(node);
            }
        }
        return out;
    }

    /** Pods bound to one of {@code deletedNodes}. */
    static List<Pod> orphaned(List<Pod> pods, Set<String> deletedNodes) {
        return pods.stream().filter(p -> deletedNodes.contains(PodConditions.nodeName(p))).toList();
    }

    /** Upstream {@code gcUnscheduledTerminating}: pods being deleted that were never bound to a node. */
    static List<Pod> unscheduledTerminating(List<Pod> pods) {
        return pods.stream().filter(p -> p.getMetadata().getDeletionTimestamp() != null && PodConditions.nodeName(p).isEmpty()).toList();
    }

    /**
     * Upstream {@code gcTerminating}: pods being deleted on a known node that is not Ready and carries the
     * out-of-service taint, in eviction/creation order.
     */
    static List<Pod> terminatingOutOfService(List<Pod> pods, Function<String, Optional<Node>> nodes) {
        List<Pod> out = new ArrayList<>();
        for (Pod p : pods) {
            if (p.getMetadata().getDeletionTimestamp() == null) {
                continue;
            }
            Optional<Node> node = nodes.apply(PodConditions.nodeName(p));
            if (node.isPresent() && !isNodeReady(node.get()) && hasTaint(node.get(), TAINT_OUT_OF_SERVICE)) {
                out.add(p);
            }
        }
        out.sort(BY_EVICTION_AND_CREATION);
        return out;
    }

    static boolean isNodeReady(Node node) {
        if (node.getStatus() == null || node.getStatus().getConditions() == null) {
            return false;
        }
        for (NodeCondition c : node.getStatus().getConditions()) {
            if ("Ready".equals(c.getType())) {
                return "True".equals(c.getStatus());
            }
        }
        return false;
    }

    private static boolean hasTaint(Node node, String key) {
        if (node.getSpec() == null || node.getSpec().getTaints() == null) {
            return false;
        }
        for (Taint t : node.getSpec().getTaints()) {
            if (key.equals(t.getKey())) {
                return true;
            }
        }
        return false;
    }
}
