package io.kubeboot.scheduler.plugins.noderesources;

import io.kubeboot.api.helpers.resource.PodRequests;
import io.kubeboot.scheduler.framework.CycleState;
import io.kubeboot.scheduler.framework.NodeInfo;
import io.kubeboot.scheduler.framework.PluginException;
import io.kubeboot.scheduler.framework.PodInfo;
import io.kubeboot.scheduler.framework.Resource;
import io.kubeboot.scheduler.framework.Status;

import java.util.List;

/**
 * Upstream's {@code resourceAllocationScorer}: gathers, per configured resource, the node's allocatable
 * amount and what would be requested with the pod on it, and hands both to a {@link ResourceScorer}.
 *
 * <p>With {@code useRequested} false (NodeResourcesFit's strategies) cpu and memory count the non-zero
 * defaults for containers without a request, on both the node's pods and the incoming pod; with it true
 * (BalancedAllocation) the plain requests. An extended resource the pod does not request, or one the node
 * does not have, is left out of the score. Also the PreScore and Score of both plugins: PreScore stores
 * the pod's requests under the plugin's own key, Score reads them. Immutable and thread safe.
 */
final class ResourceAllocationScorer {
    /** The pod's requests of the scoring resources, in their configured order; read-only, so copies are the same object. */
    record PreScoreState(long[] podRequests) implements CycleState.StateData {
        @Override
        public CycleState.StateData copy() {
            return this;
        }
    }

    private final CycleState.Key<PreScoreState> preScoreKey;
    private final boolean useRequested;
    private final ResourceScorer scorer;
    private final List<ResourceSpec> resources;
    /** Per resource: which Resource field it reads, resolved once (score runs per node per pod). */
    private final int[] kinds;
    private final boolean[] scalar;
    private static final int CPU = 0;
    private static final int MEMORY = 1;
    private static final int EPHEMERAL = 2;
    private static final int OTHER = 3;

    /** @param pluginName names the PreScore state's key ({@code "PreScore" + pluginName}, as upstream) */
    ResourceAllocationScorer(String pluginName, boolean useRequested, ResourceScorer scorer, List<ResourceSpec> resources) {
        this.preScoreKey = new CycleState.Key<>("PreScore" + pluginName);
        this.useRequested = useRequested;
        this.scorer = scorer;
        this.resources = List.copyOf(resources);
        this.kinds = new int[this.resources.size()];
        this.scalar = new boolean[this.resources.size()];
        for (int i = 0; i < kinds.length; i++) {
            String name = this.resources.get(i).name();
            kinds[i] = switch (name) {
                case PodRequests.CPU -> CPU;
                case PodRequests.MEMORY -> MEMORY;
                case Resource.EPHEMERAL_STORAGE -> EPHEMERAL;
                default -> OTHER;
            };
            scalar[i] = Resource.isScalar(name);
        }
    }

    /** PreScore: computes the pod's requests once per cycle. */
    Status preScore(CycleState state, PodInfo pod) {
        state.write(preScoreKey, new PreScoreState(podRequests(pod)));
        return Status.success();
    }

    /**
     * Score: the node's score for the pod, from the requests PreScore stored (computed here when it did not run).
     *
     * @throws PluginException with an Error status when no resources are configured
     */
    long score(CycleState state, PodInfo pod, NodeInfo node) {
        PreScoreState s = state.read(preScoreKey);
        return score(node, s == null ? podRequests(pod) : s.podRequests());
    }

    /** The pod's request of each configured resource, in the order of the resources (cpu in millicores). */
    long[] podRequests(PodInfo pod) {
        long[] out = new long[resources.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = podRequest(pod, resources.get(i).name());
        }
        return out;
    }

    private long podRequest(PodInfo pod, String name) {
        if (!useRequested && PodRequests.CPU.equals(name)) {
            return pod.nonZeroMilliCpu();
        }
        if (!useRequested && PodRequests.MEMORY.equals(name)) {
            return pod.nonZeroMemory();
        }
        return pod.requests().get(name);
    }

    /**
     * The node's score for a pod with {@code podRequests} (from {@link #podRequests}).
     *
     * @throws PluginException with an Error status when no resources are configured
     */
    long score(NodeInfo node, long[] podRequests) {
        if (resources.isEmpty()) {
            throw new PluginException(Status.error("resources not found"));
        }
        long[] requested = new long[resources.size()];
        long[] allocatable = new long[resources.size()];
        for (int i = 0; i < requested.length; i++) {
            allocatableAndRequested(node, resources.get(i).name(), kinds[i], scalar[i], podRequests[i], i, requested, allocatable);
        }
        return scorer.score(requested, allocatable);
    }

    private void allocatableAndRequested(NodeInfo node, String name, int kind, boolean isScalar, long podRequest, int i,
                                         long[] requested, long[] allocatable) {
        if (podRequest == 0 && isScalar) {
            return;
        }
        switch (kind) {
            case CPU -> {
                allocatable[i] = node.allocatableMilliCpu();
                requested[i] = (useRequested ? node.requestedMilliCpu() : node.nonZeroRequestedMilliCpu()) + podRequest;
            }
            case MEMORY -> {
                allocatable[i] = node.allocatableMemory();
                requested[i] = (useRequested ? node.requestedMemory() : node.nonZeroRequestedMemory()) + podRequest;
            }
            case EPHEMERAL -> {
                allocatable[i] = node.allocatableEphemeralStorage();
                requested[i] = node.requestedEphemeralStorage() + podRequest;
            }
            default -> {
                Resource alloc = node.allocatable();
                Resource used = node.requested();
                if (alloc.scalar().containsKey(name)) {
                    allocatable[i] = alloc.scalar(name);
                    requested[i] = used.scalar(name) + podRequest;
                }
            }
        }
        if (allocatable[i] == 0) {
            // as upstream, a resource with nothing allocatable takes no part, whatever is requested
            requested[i] = 0;
        }
    }
}
