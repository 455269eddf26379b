package io.kubeboot.scheduler.plugins.podtopologyspread;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.kubeboot.scheduler.framework.CycleState;
import io.kubeboot.scheduler.framework.Handle;
import io.kubeboot.scheduler.framework.PodInfo;
import io.kubeboot.scheduler.framework.SharedLister;
import io.kubeboot.scheduler.framework.Snapshot;
import io.kubeboot.scheduler.testing.NodeWrapper;
import io.kubeboot.scheduler.testing.PodWrapper;
import io.kubeboot.scheduler.testing.SnapshotHandle;
import io.kubeboot.scheduler.testing.Snapshots;

import java.util.List;
import java.util.Map;

/**
 * Builders for the pods, nodes and snapshots of the table tests, modelled on upstream's
 * {@code st.MakePod()}/{@code st.MakeNode()} wrappers so that ported cases read like the originals.
 */
final class Fixtures {
    static final String HOSTNAME = "kubernetes.io/hostname";
    static final String DO_NOT_SCHEDULE = "DoNotSchedule";
    static final String SCHEDULE_ANYWAY = "ScheduleAnyway";
    static final LabelSelector FOO = exists("foo");
    static final LabelSelector BAR = exists("bar");
    /** The node.kubernetes.io/unschedulable:NoSchedule taint upstream's tests use. */
    static final Taint UNSCHEDULABLE_TAINT = new TaintBuilder().withKey("node.kubernetes.io/unschedulable")
            .withValue("").withEffect("NoSchedule").build();

    private Fixtures() {
    }

    static LabelSelector exists(String key) {
        return new LabelSelectorBuilder().addNewMatchExpression().withKey(key).withOperator("Exists").endMatchExpression().build();
    }

    static LabelSelector matchLabels(String... kv) {
        LabelSelectorBuilder b = new LabelSelectorBuilder();
        for (int i = 0; i < kv.length; i += 2) {
            b.addToMatchLabels(kv[i], kv[i + 1]);
        }
        return b.build();
    }

    /** A pod in namespace default. */
    static PodWrapper pod(String name) {
        return PodWrapper.pod(name).namespace("default");
    }

    static NodeWrapper node(String name) {
        return NodeWrapper.node(name);
    }

    static Snapshot snapshot(List<Node> nodes, List<Pod> pods) {
        return Snapshots.of(nodes, pods);
    }

    static Handle handle(SharedLister snapshot) {
        return new SnapshotHandle(snapshot);
    }

    static PodTopologySpread plugin(Snapshot snapshot) {
        return new PodTopologySpread(Map.of("defaultingType", "List"), handle(snapshot), DefaultSelectors.NONE);
    }

    static CycleState preFiltered(PodTopologySpread p, Snapshot s, Pod pod) {
        CycleState state = new CycleState();
        p.preFilter(state, PodInfo.of(pod), s.nodeInfos());
        return state;
    }
}
