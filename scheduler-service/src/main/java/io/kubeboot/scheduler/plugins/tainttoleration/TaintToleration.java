package io.kubeboot.scheduler.plugins.tainttoleration;

import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.kubeboot.api.helpers.scheduling.Taints;
import io.kubeboot.scheduler.framework.ClusterEvent;
import io.kubeboot.scheduler.framework.CycleState;
import io.kubeboot.scheduler.framework.EnqueueExtensions;
import io.kubeboot.scheduler.framework.FilterPlugin;
import io.kubeboot.scheduler.framework.Handle;
import io.kubeboot.scheduler.framework.NodeInfo;
import io.kubeboot.scheduler.framework.NodeScores;
import io.kubeboot.scheduler.framework.PluginException;
import io.kubeboot.scheduler.framework.PodInfo;
import io.kubeboot.scheduler.framework.PreScorePlugin;
import io.kubeboot.scheduler.framework.ScorePlugin;
import io.kubeboot.scheduler.framework.Status;
import io.kubeboot.scheduler.plugins.helper.NormalizeScore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Taints and tolerations, as upstream's TaintToleration plugin: Filter rejects a node with a NoSchedule
 * or NoExecute taint the pod does not tolerate; Score counts the PreferNoSchedule taints the pod does
 * not tolerate, and NormalizeScore reverses the counts so that fewer such taints score higher.
 * Stateless and thread safe.
 */
public final class TaintToleration implements FilterPlugin, PreScorePlugin, ScorePlugin, EnqueueExtensions {
    public static final String NAME = "TaintToleration";
    /** Kept for parity with upstream; the Filter reason names the taint instead. */
    public static final String ERR_REASON_NOT_MATCH = "node(s) had taints that the pod didn't tolerate";

    private static final CycleState.Key<PreScoreState> PRE_SCORE_KEY = new CycleState.Key<>("PreScore" + NAME);

    /** The pod's tolerations with effect PreferNoSchedule or empty (empty matches every effect). */
    private record PreScoreState(List<Toleration> tolerationsPreferNoSchedule) implements CycleState.StateData {
        @Override
        public CycleState.StateData copy() {
            return this;
        }
    }

    public TaintToleration(Map<String, Object> args, Handle handle) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo nodeInfo) {
        List<Taint> taints = nodeInfo.taints();
        Optional<Taint> untolerated = Taints.findMatchingUntoleratedTaint(taints, tolerations(pod), Taints.DO_NOT_SCHEDULE);
        if (untolerated.isEmpty()) {
            return Status.success();
        }
        Taint t = untolerated.get();
        return Status.unresolvable("node(s) had untolerated taint {" + nz(t.getKey()) + ": " + nz(t.getValue()) + "}");
    }

    @Override
    public Status preScore(CycleState state, PodInfo pod, List<NodeInfo> feasibleNodes) {
        List<Toleration> preferNoSchedule = new ArrayList<>();
        for (Toleration t : tolerations(pod)) {
            String effect = nz(t.getEffect());
            if (effect.isEmpty() || effect.equals(Taints.EFFECT_PREFER_NO_SCHEDULE)) {
                preferNoSchedule.add(t);
            }
        }
        state.write(PRE_SCORE_KEY, new PreScoreState(List.copyOf(preferNoSchedule)));
        return Status.success();
    }

    /** The number of PreferNoSchedule taints on the node that the pod does not tolerate. */
    @Override
    public long score(CycleState state, PodInfo pod, NodeInfo nodeInfo) {
        PreScoreState s = state.read(PRE_SCORE_KEY);
        if (s == null) {
            throw new PluginException(Status.error("failed to read \"" + PRE_SCORE_KEY.name() + "\" from cycleState: not found"));
        }
        long count = 0;
        for (Taint taint : nodeInfo.taints()) {
            if (Taints.EFFECT_PREFER_NO_SCHEDULE.equals(taint.getEffect())
                    && !Taints.tolerationsTolerateTaint(s.tolerationsPreferNoSchedule(), taint)) {
                count++;
            }
        }
        return count;
    }

    @Override
    public Status normalizeScore(CycleState state, PodInfo pod, NodeScores scores) {
        return NormalizeScore.defaultNormalize(MAX_NODE_SCORE, true, scores);
    }

    /**
     * Node Add|UpdateNodeTaint (UpdateNodeLabel as upstream adds it without queueing hints) and the pod's
     * own toleration updates (upstream's queueing-hint registration; kept since this queue has no hints).
     */
    @Override
    public List<ClusterEvent> eventsToRegister() {
        return List.of(
                ClusterEvent.of(ClusterEvent.Resource.NODE,
                        ClusterEvent.ADD | ClusterEvent.UPDATE_NODE_TAINT | ClusterEvent.UPDATE_NODE_LABEL),
                ClusterEvent.of(ClusterEvent.Resource.POD, ClusterEvent.UPDATE_POD_TOLERATIONS));
    }

    private static List<Toleration> tolerations(PodInfo pod) {
        List<Toleration> t = pod.pod().getSpec() == null ? null : pod.pod().getSpec().getTolerations();
        return t == null ? List.of() : t;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
