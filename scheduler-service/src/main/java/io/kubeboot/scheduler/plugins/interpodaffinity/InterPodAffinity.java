package io.kubeboot.scheduler.plugins.interpodaffinity;

import io.kubeboot.scheduler.framework.ClusterEvent;
import io.kubeboot.scheduler.framework.CycleState;
import io.kubeboot.scheduler.framework.EnqueueExtensions;
import io.kubeboot.scheduler.framework.FilterPlugin;
import io.kubeboot.scheduler.framework.Handle;
import io.kubeboot.scheduler.framework.NodeInfo;
import io.kubeboot.scheduler.framework.NodeScores;
import io.kubeboot.scheduler.framework.PodInfo;
import io.kubeboot.scheduler.framework.PreFilterPlugin;
import io.kubeboot.scheduler.framework.PreScorePlugin;
import io.kubeboot.scheduler.framework.ScorePlugin;
import io.kubeboot.scheduler.framework.Status;

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
public final class InterPodAffinity implements PreFilterPlugin, PreFilterPlugin.Extensions, FilterPlugin, PreScorePlugin,
        ScorePlugin, EnqueueExtensions {
    public static final String NAME = "InterPodAffinity";

    private final AffinityFiltering filtering;
    private final AffinityScoring scoring;

    /**
     * @param args {@code hardPodAffinityWeight} (0-100, default 1) and {@code ignorePreferredTermsOfExistingPods} (default false)
     * @throws IllegalArgumentException when the args do not validate
     */
    public InterPodAffinity(Map<String, Object> args, Handle handle) {
        InterPodAffinityArgs a = InterPodAffinityArgs.from(args);
        this.filtering = new AffinityFiltering(handle);
        this.scoring = new AffinityScoring(handle, a);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Result preFilter(CycleState state, PodInfo pod, List<NodeInfo> nodes) {
        return filtering.preFilter(state, pod, nodes);
    }

    @Override
    public Extensions preFilterExtensions() {
        return this;
    }

    @Override
    public Status addPod(CycleState state, PodInfo podToSchedule, PodInfo podToAdd, NodeInfo node) {
        return filtering.addPod(state, podToAdd, node);
    }

    @Override
    public Status removePod(CycleState state, PodInfo podToSchedule, PodInfo podToRemove, NodeInfo node) {
        return filtering.removePod(state, podToRemove, node);
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        return filtering.filter(state, node);
    }

    @Override
    public Status preScore(CycleState state, PodInfo pod, List<NodeInfo> feasibleNodes) {
        return scoring.preScore(state, pod, feasibleNodes);
    }

    @Override
    public long score(CycleState state, PodInfo pod, NodeInfo node) {
        return scoring.score(state, node);
    }

    @Override
    public Status normalizeScore(CycleState state, PodInfo pod, NodeScores scores) {
        return scoring.normalizeScore(state, scores);
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
