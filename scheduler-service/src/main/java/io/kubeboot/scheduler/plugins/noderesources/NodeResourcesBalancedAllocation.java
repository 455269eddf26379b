package io.kubeboot.scheduler.plugins.noderesources;

import io.kubeboot.api.validation.FieldPath;
import io.kubeboot.scheduler.framework.CycleState;
import io.kubeboot.scheduler.framework.Handle;
import io.kubeboot.scheduler.framework.NodeInfo;
import io.kubeboot.scheduler.framework.PodInfo;
import io.kubeboot.scheduler.framework.PreScorePlugin;
import io.kubeboot.scheduler.framework.ScorePlugin;
import io.kubeboot.scheduler.framework.Status;

import java.util.List;
import java.util.Map;

/**
 * kube-scheduler's NodeResourcesBalancedAllocation (1.32): favors nodes whose requested fractions of
 * the configured resources (cpu and memory by default) would be close to each other with the pod on
 * them, score {@code (1 - std) * 100}. Uses the plain requests (no non-zero defaults), so best-effort
 * pods score every node by its current balance. Only scores, so it registers no cluster events.
 *
 * <p>Immutable; per-cycle data lives in the {@link CycleState}.
 */
public final class NodeResourcesBalancedAllocation implements PreScorePlugin, ScorePlugin {
    public static final String NAME = "NodeResourcesBalancedAllocation";


    private final ResourceAllocationScorer scorer;

    /** From the plugin's config args (upstream's v1 JSON, defaulted); the handle is not needed. */
    public NodeResourcesBalancedAllocation(Map<String, Object> args, Handle handle) {
        this(NodeResourcesBalancedAllocationArgs.fromMap(args));
    }

    /**
     * From already decoded args, validated but not defaulted.
     *
     * @throws IllegalArgumentException when the args are invalid, with upstream's aggregated field errors
     */
    public NodeResourcesBalancedAllocation(NodeResourcesBalancedAllocationArgs args) {
        InvalidArgs.throwIfAny(args.validate(FieldPath.of("")));
        this.scorer = new ResourceAllocationScorer(NAME, true, new BalancedResourceScorer(), args.resources());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status preScore(CycleState state, PodInfo pod, List<NodeInfo> feasibleNodes) {
        return scorer.preScore(state, pod);
    }

    @Override
    public long score(CycleState state, PodInfo pod, NodeInfo node) {
        return scorer.score(state, pod, node);
    }
}
