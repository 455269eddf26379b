package io.kubeboot.scheduler.plugins.podtopologyspread;

import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.kubeboot.scheduler.framework.ClusterEvent;
import io.kubeboot.scheduler.framework.CycleState;
import io.kubeboot.scheduler.framework.EnqueueExtensions;
import io.kubeboot.scheduler.framework.FilterPlugin;
import io.kubeboot.scheduler.framework.Handle;
import io.kubeboot.scheduler.framework.NodeInfo;
import io.kubeboot.scheduler.framework.NodeScores;
import io.kubeboot.scheduler.framework.PluginFactory;
import io.kubeboot.scheduler.framework.PodInfo;
import io.kubeboot.scheduler.framework.PreFilterPlugin;
import io.kubeboot.scheduler.framework.PreScorePlugin;
import io.kubeboot.scheduler.framework.ScorePlugin;
import io.kubeboot.scheduler.framework.Status;

import java.util.List;
import java.util.Map;

/**
 * kube-scheduler's PodTopologySpread plugin (1.32): spreads matching pods over topology domains.
 * DoNotSchedule constraints are enforced by PreFilter/Filter (reasons {@value SpreadFiltering#ERR_REASON_CONSTRAINTS_NOT_MATCH},
 * Unschedulable, and {@value SpreadFiltering#ERR_REASON_NODE_LABEL_NOT_MATCH}, UnschedulableAndUnresolvable);
 * ScheduleAnyway constraints are scored. Pods without constraints get the configured default constraints
 * (System: hostname maxSkew 3 and zone maxSkew 5, ScheduleAnyway) with a selector from {@link DefaultSelectors}.
 * The MinDomains, NodeInclusionPolicy and MatchLabelKeys features are on, as by default in 1.32.
 *
 * <p>Thread safety: holds no per-cycle data; Filter and Score only read the cycle state.
 */
public final class PodTopologySpread implements PreFilterPlugin, PreFilterPlugin.Extensions, FilterPlugin,
        PreScorePlugin, ScorePlugin, EnqueueExtensions {
    public static final String NAME = "PodTopologySpread";

    /** Upstream's systemDefaultConstraints. */
    static final List<TopologySpreadConstraint> SYSTEM_DEFAULT_CONSTRAINTS = List.of(
            new TopologySpreadConstraintBuilder().withTopologyKey("kubernetes.io/hostname")
                    .withWhenUnsatisfiable("ScheduleAnyway").withMaxSkew(3).build(),
            new TopologySpreadConstraintBuilder().withTopologyKey("topology.kubernetes.io/zone")
                    .withWhenUnsatisfiable("ScheduleAnyway").withMaxSkew(5).build());

    private final SpreadFiltering filtering;
    private final SpreadScoring scoring;

    /**
     * @param args             {@code PodTopologySpreadArgs}: {@code defaultingType} System|List and {@code defaultConstraints}
     * @param defaultSelectors the workload selectors for default constraints; {@link DefaultSelectors#NONE} disables them
     * @throws IllegalArgumentException when the args do not validate
     */
    public PodTopologySpread(Map<String, Object> args, Handle handle, DefaultSelectors defaultSelectors) {
        PodTopologySpreadArgs a = PodTopologySpreadArgs.from(args);
        boolean system = PodTopologySpreadArgs.SYSTEM.equals(a.defaultingType());
        ConstraintSource source = new ConstraintSource(system ? SYSTEM_DEFAULT_CONSTRAINTS : a.defaultConstraints(), defaultSelectors);
        this.filtering = new SpreadFiltering(source, handle);
        this.scoring = new SpreadScoring(source, handle, system);
    }

    /** A factory whose plugins take default-constraint selectors from {@code defaultSelectors}. */
    public static PluginFactory factory(DefaultSelectors defaultSelectors) {
        return (args, handle) -> new PodTopologySpread(args, handle, defaultSelectors);
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
        return filtering.addPod(state, podToSchedule, podToAdd, node);
    }

    @Override
    public Status removePod(CycleState state, PodInfo podToSchedule, PodInfo podToRemove, NodeInfo node) {
        return filtering.removePod(state, podToSchedule, podToRemove, node);
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        return filtering.filter(state, pod, node);
    }

    @Override
    public Status preScore(CycleState state, PodInfo pod, List<NodeInfo> feasibleNodes) {
        return scoring.preScore(state, pod, feasibleNodes);
    }

    @Override
    public long score(CycleState state, PodInfo pod, NodeInfo node) {
        return scoring.score(state, pod, node);
    }

    @Override
    public Status normalizeScore(CycleState state, PodInfo pod, NodeScores scores) {
        return scoring.normalizeScore(state, scores);
    }

    /**
     * As upstream 1.32 with queueing hints on: assigned pods added, deleted, relabelled or given new
     * tolerations (nodeTaintsPolicy Honor); nodes added, deleted, relabelled or retainted.
     */
    @Override
    public List<ClusterEvent> eventsToRegister() {
        return List.of(
                ClusterEvent.of(ClusterEvent.Resource.POD, ClusterEvent.ADD | ClusterEvent.UPDATE_POD_LABEL
                        | ClusterEvent.UPDATE_POD_TOLERATIONS | ClusterEvent.DELETE),
                ClusterEvent.of(ClusterEvent.Resource.NODE, ClusterEvent.ADD | ClusterEvent.DELETE
                        | ClusterEvent.UPDATE_NODE_LABEL | ClusterEvent.UPDATE_NODE_TAINT));
    }
}
