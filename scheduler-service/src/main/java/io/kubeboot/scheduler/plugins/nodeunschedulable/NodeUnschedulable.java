package io.kubeboot.scheduler.plugins.nodeunschedulable;

import io.fabric8.kubernetes.api.model.Taint;
import io.kubeboot.api.helpers.scheduling.Taints;
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
 * Keeps pods off nodes with {@code spec.unschedulable: true} (cordoned), unless the pod tolerates the
 * {@code node.kubernetes.io/unschedulable:NoSchedule} taint, as upstream's NodeUnschedulable plugin.
 * Stateless and thread safe.
 */
public final class NodeUnschedulable implements FilterPlugin, EnqueueExtensions {
    public static final String NAME = "NodeUnschedulable";
    public static final String ERR_REASON_UNKNOWN_CONDITION = "node(s) had unknown conditions";
    public static final String ERR_REASON_UNSCHEDULABLE = "node(s) were unschedulable";

    private static final Taint UNSCHEDULABLE_TAINT = new Taint(Taints.EFFECT_NO_SCHEDULE, Taints.TAINT_NODE_UNSCHEDULABLE, null, null);

    public NodeUnschedulable(Map<String, Object> args, Handle handle) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo nodeInfo) {
        if (!nodeInfo.unschedulable()) {
            return Status.success();
        }
        List<io.fabric8.kubernetes.api.model.Toleration> tolerations =
                pod.pod().getSpec() == null ? null : pod.pod().getSpec().getTolerations();
        if (Taints.tolerationsTolerateTaint(tolerations, UNSCHEDULABLE_TAINT)) {
            return Status.success();
        }
        return Status.unresolvable(ERR_REASON_UNSCHEDULABLE);
    }

    /**
     * Upstream registers Node Add|UpdateNodeTaint|UpdateNodeLabel (and, with queueing hints, Pod
     * UpdatePodToleration); both are kept since this queue has no hints. Upstream reports a
     * spec.unschedulable change as UpdateNodeTaint; {@link ClusterEvent#UPDATE_OTHER} is added because
     * this framework files it there.
     */
    @Override
    public List<ClusterEvent> eventsToRegister() {
        return List.of(
                ClusterEvent.of(ClusterEvent.Resource.NODE, ClusterEvent.ADD | ClusterEvent.UPDATE_NODE_TAINT
                        | ClusterEvent.UPDATE_NODE_LABEL | ClusterEvent.UPDATE_OTHER),
                ClusterEvent.of(ClusterEvent.Resource.POD, ClusterEvent.UPDATE_POD_TOLERATIONS));
    }
}
