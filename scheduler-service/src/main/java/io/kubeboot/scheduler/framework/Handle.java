package io.kubeboot.scheduler.framework;

import io.fabric8.kubernetes.api.model.Pod;

import java.util.List;
import java.util.Map;

/**
 * What a plugin may use of the scheduler, as upstream's {@code framework.Handle}: the cycle's snapshot,
 * the nominated pods, the plugin runner (for preemption's what-if filtering) and the API writes a plugin
 * may make.
 */
public interface Handle {
    SharedLister snapshot();

    PodNominator nominator();

    /** Runs the profile's PreFilter extensions and Filter plugins, as preemption needs. */
    PluginRunner runner();

    /** The API calls plugins make (preemption deletes victims and clears nominations). */
    ClusterClient client();

    /** Runs {@code work(i)} for i in [0, n) on the scheduler's parallelism (16 as upstream, bounded by the cores). */
    void parallelize(int n, java.util.function.IntConsumer work);

    /** The plugin-runner view of a profile. */
    interface PluginRunner {
        /** All Filter plugins, also considering the nominated pods of at least the pod's priority (upstream's RunFilterPluginsWithNominatedPods). */
        Status runFilterPluginsWithNominatedPods(CycleState state, PodInfo pod, NodeInfo node);

        Status runPreFilterExtensionAddPod(CycleState state, PodInfo podToSchedule, PodInfo podToAdd, NodeInfo node);

        Status runPreFilterExtensionRemovePod(CycleState state, PodInfo podToSchedule, PodInfo podToRemove, NodeInfo node);
    }

    /** Writes to the API server that plugins need; each call is synchronous and throws on failure. */
    interface ClusterClient {
        /** Deletes a pod (a preemption victim) with its grace period; a missing pod is not an error. */
        void deletePod(Pod pod);

        /** Sets or clears ({@code null}) {@code status.nominatedNodeName}. */
        void setNominatedNodeName(Pod pod, String nodeName);

        /** Adds the DisruptionTarget condition to a victim before it is deleted (upstream does, with reason PreemptionByScheduler). */
        void markPreempted(Pod victim, Pod preemptor);

        /** Records an Event on the pod. */
        void event(Pod pod, String type, String reason, String message);

        /** Binds the pod to the node ({@code pods/{name}/binding}); the default binder's call. */
        default void bind(Pod pod, String nodeName) {
            throw new UnsupportedOperationException("this client cannot bind");
        }

        /** The PriorityClass values by name (for preemptionPolicy); never null. */
        default Map<String, Integer> priorityClasses() {
            return Map.of();
        }
    }

    /** Convenience: the pods of a node (as seen in the snapshot). */
    default List<PodInfo> podsOn(String nodeName) {
        NodeInfo n = snapshot().get(nodeName);
        return n == null ? List.of() : n.pods();
    }
}
