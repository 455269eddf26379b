package io.kubeboot.scheduler.plugins.nodename;

import io.kubeboot.scheduler.framework.ClusterEvent;
import io.kubeboot.scheduler.framework.CycleState;
import io.kubeboot.scheduler.framework.EnqueueExtensions;
import io.kubeboot.scheduler.framework.FilterPlugin;
import io.kubeboot.scheduler.framework.Handle;
import io.kubeboot.scheduler.framework.NodeInfo;
import io.kubeboot.scheduler.framework.PodInfo;
import io.kubeboot.scheduler.framework.Status;

import java.util.List;
import java.util.Map;

/**
 * A pod that names its node ({@code spec.nodeName}) fits only that node, as upstream's NodeName plugin.
 * Stateless and thread safe.
 */
public final class NodeName implements FilterPlugin, EnqueueExtensions {
    public static final String NAME = "NodeName";
    public static final String ERR_REASON = "node(s) didn't match the requested node name";

    public NodeName(Map<String, Object> args, Handle handle) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        return fits(pod, node) ? Status.success() : Status.unresolvable(ERR_REASON);
    }

    /** Upstream {@code Fits}: no node name, or the same one. */
    public static boolean fits(PodInfo pod, NodeInfo node) {
        String wanted = pod.pod().getSpec() == null ? null : pod.pod().getSpec().getNodeName();
        return wanted == null || wanted.isEmpty() || wanted.equals(node.nodeName());
    }

    /** Only a new node can help; upstream adds the label and taint updates to make up for a missed Node/Add. */
    @Override
    public List<ClusterEvent> eventsToRegister() {
        return List.of(ClusterEvent.of(ClusterEvent.Resource.NODE,
                ClusterEvent.ADD | ClusterEvent.UPDATE_NODE_TAINT | ClusterEvent.UPDATE_NODE_LABEL));
    }
}
