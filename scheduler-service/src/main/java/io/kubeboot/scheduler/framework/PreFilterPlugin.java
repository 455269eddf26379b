package io.kubeboot.scheduler.framework;

import java.util.List;
import java.util.Set;

/**
 * Runs once per cycle before Filter: checks the pod and precomputes what Filter needs into the state.
 * May narrow the nodes worth filtering (NodeAffinity does, for a pod pinned by {@code metadata.name}).
 * Returning a status with code SKIP skips this plugin's Filter for the cycle.
 */
public interface PreFilterPlugin extends Plugin {

    /** The outcome: a status and, when not null, the only nodes that may pass (null means all). */
    record Result(Status status, Set<String> nodeNames) {
        public static Result of(Status status) {
            return new Result(status, null);
        }

        public static final Result SUCCESS = new Result(Status.success(), null);
    }

    Result preFilter(CycleState state, PodInfo pod, List<NodeInfo> nodes);

    /**
     * Incremental updates of this plugin's PreFilter state when preemption or nominated pods add or
     * remove a pod on one node; null when the plugin's state does not depend on other pods.
     */
    default Extensions preFilterExtensions() {
        return null;
    }

    /** As upstream's {@code PreFilterExtensions}: called on a {@link CycleState#copy()}. */
    interface Extensions {
        Status addPod(CycleState state, PodInfo podToSchedule, PodInfo podToAdd, NodeInfo node);

        Status removePod(CycleState state, PodInfo podToSchedule, PodInfo podToRemove, NodeInfo node);
    }
}
