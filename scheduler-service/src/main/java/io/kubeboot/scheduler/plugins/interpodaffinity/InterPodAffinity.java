package io.kubeboot.scheduler.plugins.interpodaffinity;

import io.kubeboot.scheduler.framework.ClusterEvent;
import io.kubeboot.scheduler.framework.Handle;
import io.kubeboot.scheduler.plugins.helper.FilterScorePlugin;

import java.util.List;
import java.util.Map;

/**
 * kube-scheduler's InterPodAffinity plugin (1.32). Filter rejects a node whose topology domains violate
 * the incoming pod's required affinity ("node(s) didn't match pod affinity rules", UnschedulableAndUnresolvable),
 * its required anti-affinity ("node(s) didn't match pod anti-affinity rules", Unschedulable) or an existing
 * pod's required anti-affinity ("node(s) didn't satisfy existing pods anti-affinity rules", Unschedulable);
 * a pod whose affinity no pod satisfies yet but which matches its own terms may start its group anywhere.
 * Score prefers domains according to preferred terms of both sides and existing pods' required affinity.
 *
 * <p>Thread safety: holds no per-cycle data; Filter and Score only read the cycle state.
 */
public final class InterPodAffinity extends FilterScorePlugin {
    public static final String NAME = "InterPodAffinity";

    /**
     * @param args {@code hardPodAffinityWeight} (0-100, default 1) and {@code ignorePreferredTermsOfExistingPods} (default false)
     * @throws IllegalArgumentException when the args do not validate
     */
    public InterPodAffinity(Map<String, Object> args, Handle handle) {
        super(NAME, new AffinityFiltering(handle), new AffinityScoring(handle, InterPodAffinityArgs.from(args)));
    }

    /**
     * As upstream 1.32 with queueing hints on: pods added, relabelled or deleted; nodes added or relabelled
     * (without hints upstream also registers UpdateNodeTaint, only to make up for its preCheck).
     */
    @Override
    public List<ClusterEvent> eventsToRegister() {
        return List.of(
                ClusterEvent.of(ClusterEvent.Resource.POD, ClusterEvent.ADD | ClusterEvent.UPDATE_POD_LABEL | ClusterEvent.DELETE),
                ClusterEvent.of(ClusterEvent.Resource.NODE, ClusterEvent.ADD | ClusterEvent.UPDATE_NODE_LABEL));
    }
}
