package io.kubeboot.controller.endpoints;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.EndpointSubsetBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Upstream {@code truncateEndpoints} and {@code capacityAnnotationSetCorrectly}: an Endpoints object holds at most
 * {@value #MAX_CAPACITY} addresses; beyond that it is truncated and annotated
 * {@code endpoints.kubernetes.io/over-capacity: truncated}. Pure.
 */
public final class EndpointsTruncation {
    public static final int MAX_CAPACITY = 1000;
    public static final String OVER_CAPACITY = "endpoints.kubernetes.io/over-capacity";
    public static final String TRUNCATED = "truncated";

    private EndpointsTruncation() {
    }

    /**
     * The subsets cut down to {@value #MAX_CAPACITY} addresses, or empty when they fit. Ready addresses win over not
     * ready ones: when the ready ones alone overflow, every not-ready address goes and the ready ones are cut;
     * otherwise only not-ready addresses are cut. Each subset keeps a share proportional to its size (rounded up,
     * the last ones getting what is left).
     */
    public static java.util.Optional<List<EndpointSubset>> truncate(List<EndpointSubset> subsets) {
        int totalReady = 0;
        int totalNotReady = 0;
        for (EndpointSubset s : subsets) {
            totalReady += EndpointSubsets.nn(s.getAddresses()).size();
            totalNotReady += EndpointSubsets.nn(s.getNotReadyAddresses()).size();
        }
        if (totalReady + totalNotReady <= MAX_CAPACITY) {
            return java.util.Optional.empty();
        }
        boolean truncateReady = totalReady > MAX_CAPACITY;
        int max = truncateReady ? MAX_CAPACITY : MAX_CAPACITY - totalReady;
        int numTotal = truncateReady ? totalReady : totalNotReady;
        int canBeAdded = max;
        List<EndpointSubset> out = new ArrayList<>();
        for (EndpointSubset s : subsets) {
            List<EndpointAddress> ready = EndpointSubsets.nn(s.getAddresses());
            List<EndpointAddress> notReady = EndpointSubsets.nn(s.getNotReadyAddresses());
            int inSubset = truncateReady ? ready.size() : notReady.size();
            int toBeAdded = (int) Math.ceil(((double) inSubset / numTotal) * max);
            toBeAdded = Math.min(toBeAdded, canBeAdded);
            EndpointSubsetBuilder b = new EndpointSubsetBuilder(s);
            if (truncateReady) {
                List<EndpointAddress> kept = first(ready, toBeAdded);
                b.withAddresses(kept).withNotReadyAddresses(List.of());
                canBeAdded -= kept.size();
            } else {
                List<EndpointAddress> kept = first(notReady, toBeAdded);
                b.withNotReadyAddresses(kept);
                canBeAdded -= kept.size();
            }
            out.add(b.build());
        }
        return java.util.Optional.of(out);
    }

    /** Whether the over-capacity annotation is as it should be: absent, and the subsets within capacity. */
    public static boolean capacityAnnotationSetCorrectly(Map<String, String> annotations, List<EndpointSubset> subsets) {
        if (EndpointSubsets.addressCount(subsets) > MAX_CAPACITY) {
            return false;
        }
        return annotations == null || !annotations.containsKey(OVER_CAPACITY);
    }

    private static List<EndpointAddress> first(List<EndpointAddress> l, int n) {
        return l.size() <= n ? new ArrayList<>(l) : new ArrayList<>(l.subList(0, Math.max(0, n)));
    }
}
