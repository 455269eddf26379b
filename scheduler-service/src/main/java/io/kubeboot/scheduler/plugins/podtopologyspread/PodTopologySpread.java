package io.kubeboot.scheduler.plugins.podtopologyspread;

import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.kubeboot.scheduler.framework.ClusterEvent;
import io.kubeboot.scheduler.framework.Handle;
import io.kubeboot.scheduler.framework.PluginFactory;
import io.kubeboot.scheduler.plugins.helper.FilterScorePlugin;

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
public final class PodTopologySpread extends FilterScorePlugin {
    public static final String NAME = "PodTopologySpread";

    /** Upstream's systemDefaultConstraints. */
    static final List<TopologySpreadConstraint> SYSTEM_DEFAULT_CONSTRAINTS = List.of(
            new TopologySpreadConstraintBuilder().withTopologyKey("kubernetes.io/hostname")
                    .withWhenUnsatisfiable("ScheduleAnyway").withMaxSkew(3).build(),
            new TopologySpreadConstraintBuilder().withTopologyKey("topology.kubernetes.io/zone")
                    .withWhenUnsatisfiable("ScheduleAnyway").withMaxSkew(5).build());

    /**
     * @param args             {@code PodTopologySpreadArgs}: {@code defaultingType} System|List and {@code defaultConstraints}
     * @param defaultSelectors the workload selectors for default constraints; {@link DefaultSelectors#NONE} disables them
     * @throws IllegalArgumentException when the args do not validate
     */
    public PodTopologySpread(Map<String, Object> args, Handle handle, DefaultSelectors defaultSelectors) {
        this(PodTopologySpreadArgs.from(args), handle, defaultSelectors);
    }

    private PodTopologySpread(PodTopologySpreadArgs args, Handle handle, DefaultSelectors defaultSelectors) {
        this(PodTopologySpreadArgs.SYSTEM.equals(args.defaultingType()), args, handle, defaultSelectors);
    }

    private PodTopologySpread(boolean system, PodTopologySpreadArgs args, Handle handle, DefaultSelectors defaultSelectors) {
        this(new ConstraintSource(system ? SYSTEM_DEFAULT_CONSTRAINTS : args.defaultConstraints(), defaultSelectors), handle, system);
    }

    private PodTopologySpread(ConstraintSource source, Handle handle, boolean systemDefaulted) {
        this(source, handle, systemDefaulted, new MatchingPodCounts());
    }

    private PodTopologySpread(ConstraintSource source, Handle handle, boolean systemDefaulted, MatchingPodCounts counts) {
        super(NAME, new SpreadFiltering(source, handle, counts), new SpreadScoring(source, handle, systemDefaulted, counts));
    }

    /** A factory whose plugins take default-constraint selectors from {@code defaultSelectors}. */
    public static PluginFactory factory(DefaultSelectors defaultSelectors) {
        return (args, handle) -> new PodTopologySpread(args, handle, defaultSelectors);
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
