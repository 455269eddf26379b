package io.kubeboot.scheduler.plugins.interpodaffinity;

import java.util.Map;

/**
 * {@code InterPodAffinityArgs}: {@code hardPodAffinityWeight} (default 1, valid 0-100) is the score weight
 * of an existing pod's required affinity term the incoming pod matches; {@code ignorePreferredTermsOfExistingPods}
 * (default false) skips scoring unless the incoming pod has preferred terms. Invalid args throw
 * {@link IllegalArgumentException} with upstream's field error.
 */
record InterPodAffinityArgs(int hardPodAffinityWeight, boolean ignorePreferredTermsOfExistingPods) {

    static InterPodAffinityArgs from(Map<String, Object> args) {
        Map<String, Object> a = args == null ? Map.of() : args;
        Object w = a.get("hardPodAffinityWeight");
        int weight = w == null ? 1 : ((Number) w).intValue();
        if (weight < 0 || weight > 100) {
            throw new IllegalArgumentException("hardPodAffinityWeight: Invalid value: " + weight + ": not in valid range [0-100]");
        }
        Object ignore = a.get("ignorePreferredTermsOfExistingPods");
        return new InterPodAffinityArgs(weight, ignore != null && (Boolean) ignore);
    }
}
