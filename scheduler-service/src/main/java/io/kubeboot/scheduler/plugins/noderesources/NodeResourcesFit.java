package io.kubeboot.scheduler.plugins.noderesources;

import io.kubeboot.api.validation.FieldPath;
import io.kubeboot.scheduler.framework.ClusterEvent;
import io.kubeboot.scheduler.framework.CycleState;
import io.kubeboot.scheduler.framework.EnqueueExtensions;
import io.kubeboot.scheduler.framework.FilterPlugin;
import io.kubeboot.scheduler.framework.Handle;
import io.kubeboot.scheduler.framework.NodeInfo;
import io.kubeboot.scheduler.framework.PodInfo;
import io.kubeboot.scheduler.framework.PreFilterPlugin;
import io.kubeboot.scheduler.framework.PreScorePlugin;
import io.kubeboot.scheduler.framework.Resource;
import io.kubeboot.scheduler.framework.ScorePlugin;
import io.kubeboot.scheduler.framework.Status;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * kube-scheduler's NodeResourcesFit (1.32): Filter rejects nodes whose allocatable cannot take the
 * pod's requests next to the requests of the pods already there (pod count, cpu, memory,
 * ephemeral-storage, extended and other scalar resources), with every shortfall as a reason and code
 * Unschedulable (1.32 never answers UnschedulableAndUnresolvable here, even when the empty node is too
 * small); Score ranks nodes by the configured strategy (LeastAllocated by default, MostAllocated,
 * RequestedToCapacityRatio) over the non-zero requests of cpu and memory.
 *
 * <p>Immutable; per-cycle data lives in the {@link CycleState}, so Filter and Score may run concurrently.
 */
public final class NodeResourcesFit implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, EnqueueExtensions {
    public static final String NAME = "NodeResourcesFit";

    static final CycleState.Key<PreFilterState> PRE_FILTER_KEY = new CycleState.Key<>("PreFilter" + NAME);

    /** The pod's requests as PreFilter computed them; shared read-only, so copies are the same object. */
    record PreFilterState(Resource podRequest) implements CycleState.StateData {
        @Override
        public CycleState.StateData copy() {
            return this;
        }
    }

    private final Set<String> ignoredResources;
    private final Set<String> ignoredResourceGroups;
    private final ResourceAllocationScorer scorer;

    /** From the plugin's config args (upstream's v1 JSON, defaulted); the handle is not needed. */
    public NodeResourcesFit(Map<String, Object> args, Handle handle) {
        this(NodeResourcesFitArgs.fromMap(args));
    }

    /**
     * From already decoded args, which are validated but not defaulted (as upstream's {@code NewFit}).
     *
     * @throws IllegalArgumentException when the args are invalid, with upstream's aggregated field errors
     */
    public NodeResourcesFit(NodeResourcesFitArgs args) {
        InvalidArgs.throwIfAny(args.validate(FieldPath.of("")));
        if (args.scoringStrategy() == null) {
            throw new IllegalArgumentException("scoring strategy not specified");
        }
        this.ignoredResources = Set.copyOf(args.ignoredResources());
        this.ignoredResourceGroups = Set.copyOf(args.ignoredResourceGroups());
        this.scorer = new ResourceAllocationScorer(NAME, false, strategy(args.scoringStrategy()), args.scoringStrategy().resources());
    }

    private static ResourceScorer strategy(NodeResourcesFitArgs.ScoringStrategy s) {
        return switch (s.type()) {
            case NodeResourcesFitArgs.LEAST_ALLOCATED -> new LeastAllocatedScorer(s.resources());
            case NodeResourcesFitArgs.MOST_ALLOCATED -> new MostAllocatedScorer(s.resources());
            case NodeResourcesFitArgs.REQUESTED_TO_CAPACITY_RATIO -> new RequestedToCapacityRatioScorer(s.resources(), s.shape());
            default -> throw new IllegalArgumentException("scoring strategy " + s.type() + " is not supported");
        };
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Every shortfall of {@code pod} on {@code node}, ignoring nothing: upstream's exported {@code Fits},
     * for callers outside a scheduling cycle.
     */
    public static List<InsufficientResource> fits(PodInfo pod, NodeInfo node) {
        return ResourceFit.insufficient(pod.requests(), node, Set.of(), Set.of());
    }

    @Override
    public Result preFilter(CycleState state, PodInfo pod, List<NodeInfo> nodes) {
        state.write(PRE_FILTER_KEY, new PreFilterState(pod.requests()));
        return Result.SUCCESS;
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        PreFilterState s = state.read(PRE_FILTER_KEY);
        if (s == null) {
            return Status.error("error reading \"" + PRE_FILTER_KEY.name() + "\" from cycleState: not found");
        }
        List<InsufficientResource> insufficient = ResourceFit.insufficient(s.podRequest(), node, ignoredResources, ignoredResourceGroups);
        if (insufficient.isEmpty()) {
            return Status.success();
        }
        return Status.unschedulable(insufficient.stream().map(InsufficientResource::reason).toArray(String[]::new));
    }

    @Override
    public Status preScore(CycleState state, PodInfo pod, List<NodeInfo> feasibleNodes) {
        return scorer.preScore(state, pod);
    }

    @Override
    public long score(CycleState state, PodInfo pod, NodeInfo node) {
        return scorer.score(state, pod, node);
    }

    /**
     * A deleted pod frees resources; a new node, or more allocatable, adds them. As upstream without
     * queueing hints (which this framework lacks), taint and label changes of nodes are registered too:
     * a node added while unready may only become usable by such an update. Pod scale-down is not
     * registered, InPlacePodVerticalScaling being off in 1.32.
     */
    @Override
    public List<ClusterEvent> eventsToRegister() {
        return List.of(
                ClusterEvent.of(ClusterEvent.Resource.POD, ClusterEvent.DELETE),
                ClusterEvent.of(ClusterEvent.Resource.NODE, ClusterEvent.ADD | ClusterEvent.UPDATE_NODE_ALLOCATABLE
                        | ClusterEvent.UPDATE_NODE_TAINT | ClusterEvent.UPDATE_NODE_LABEL));
    }
}
