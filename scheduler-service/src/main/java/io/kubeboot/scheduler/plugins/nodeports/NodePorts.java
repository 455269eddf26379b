package io.kubeboot.scheduler.plugins.nodeports;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubeboot.scheduler.framework.ClusterEvent;
import io.kubeboot.scheduler.framework.CycleState;
import io.kubeboot.scheduler.framework.EnqueueExtensions;
import io.kubeboot.scheduler.framework.FilterPlugin;
import io.kubeboot.scheduler.framework.Handle;
import io.kubeboot.scheduler.framework.HostPorts;
import io.kubeboot.scheduler.framework.NodeInfo;
import io.kubeboot.scheduler.framework.PodInfo;
import io.kubeboot.scheduler.framework.PreFilterPlugin;
import io.kubeboot.scheduler.framework.Status;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Host ports, as upstream's NodePorts plugin: a pod fits a node only if none of its host ports (same
 * protocol, same or wildcard IP) is in use there. PreFilter collects the pod's host ports and skips the
 * plugin for pods without any. No PreFilter extensions: the state depends on the pod alone. Stateless and
 * thread safe.
 */
public final class NodePorts implements PreFilterPlugin, FilterPlugin, EnqueueExtensions {
    public static final String NAME = "NodePorts";
    public static final String ERR_REASON = "node(s) didn't have free ports for the requested pod ports";

    private static final CycleState.Key<PreFilterState> PRE_FILTER_KEY = new CycleState.Key<>("PreFilter" + NAME);

    /** The pod's ports with a host port; never changed, so the copy is the same object. */
    private record PreFilterState(List<ContainerPort> ports) implements CycleState.StateData {
        @Override
        public CycleState.StateData copy() {
            return this;
        }
    }

    public NodePorts(Map<String, Object> args, Handle handle) {
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * The ports with {@code hostPort > 0} of the app containers and of the sidecars (restartable init
     * containers, which keep running next to them); ordinary init containers are left out, as upstream.
     */
    static List<ContainerPort> hostPorts(Pod pod) {
        List<ContainerPort> out = new ArrayList<>();
        if (pod.getSpec() == null) {
            return out;
        }
        for (Container c : nullSafe(pod.getSpec().getInitContainers())) {
            if ("Always".equals(c.getRestartPolicy())) {
                addHostPorts(c, out);
            }
        }
        for (Container c : nullSafe(pod.getSpec().getContainers())) {
            addHostPorts(c, out);
        }
        return out;
    }

    private static void addHostPorts(Container c, List<ContainerPort> out) {
        for (ContainerPort p : nullSafe(c.getPorts())) {
            if (p.getHostPort() != null && p.getHostPort() > 0) {
                out.add(p);
            }
        }
    }

    @Override
    public Result preFilter(CycleState state, PodInfo pod, List<NodeInfo> nodes) {
        List<ContainerPort> ports = hostPorts(pod.pod());
        if (ports.isEmpty()) {
            return Result.of(Status.skip());
        }
        state.write(PRE_FILTER_KEY, new PreFilterState(List.copyOf(ports)));
        return Result.SUCCESS;
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        PreFilterState s = state.read(PRE_FILTER_KEY);
        if (s == null) {
            return Status.error("reading \"" + PRE_FILTER_KEY.name() + "\" from cycleState: not found");
        }
        return fits(s.ports(), node.usedPorts()) ? Status.success() : Status.unschedulable(ERR_REASON);
    }

    /** Upstream {@code Fits}: whether the pod's host ports are all free on the node. */
    public static boolean fits(Pod pod, NodeInfo node) {
        return fits(hostPorts(pod), node.usedPorts());
    }

    private static boolean fits(List<ContainerPort> wanted, HostPorts used) {
        for (ContainerPort p : wanted) {
            if (used.conflicts(p.getHostIP(), p.getProtocol(), p.getHostPort())) {
                return false;
            }
        }
        return true;
    }

    /**
     * A deleted pod may free a port (ports of existing pods never change); Node Add, with the label and
     * taint updates upstream adds when a Node/Add may have been missed (no queueing hints here).
     */
    @Override
    public List<ClusterEvent> eventsToRegister() {
        return List.of(
                ClusterEvent.of(ClusterEvent.Resource.POD, ClusterEvent.DELETE),
                ClusterEvent.of(ClusterEvent.Resource.NODE,
                        ClusterEvent.ADD | ClusterEvent.UPDATE_NODE_TAINT | ClusterEvent.UPDATE_NODE_LABEL));
    }

    private static <T> List<T> nullSafe(List<T> l) {
        return l == null ? List.of() : l;
    }
}
