package io.kubeboot.scheduler.plugins.defaultpreemption;

import io.kubeboot.scheduler.framework.CycleState;
import io.kubeboot.scheduler.framework.Handle;
import io.kubeboot.scheduler.framework.NodeInfo;
import io.kubeboot.scheduler.framework.PodInfo;
import io.kubeboot.scheduler.framework.Status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the smallest set of lower-priority pods whose removal from one node lets the preemptor pass
 * Filter there (upstream's {@code DefaultPreemption.SelectVictimsOnNode}).
 *
 * <p>Contract: {@code node} and {@code state} are copies owned by this call (the dry run makes them);
 * both are changed. Stateless otherwise, so one instance serves concurrent dry runs.
 */
final class VictimSelector {
    static final String NO_VICTIMS = "No preemption victims found for incoming pod";

    /** The outcome on one node: success with at least one victim, or why the node is no candidate. */
    record Selection(Status status, List<PodInfo> victims, int numPdbViolations) {
        static Selection failed(Status status) {
            return new Selection(status, List.of(), 0);
        }
    }

    private final Handle handle;

    VictimSelector(Handle handle) {
        this.handle = handle;
    }

    Selection select(CycleState state, PodInfo preemptor, NodeInfo node, Instant now) {
        Handle.PluginRunner runner = handle.runner();
        List<PodInfo> potential = new ArrayList<>();
        for (PodInfo p : node.pods()) {
            if (p.priority() < preemptor.priority()) {
                potential.add(p);
            }
        }
        // first remove every pod that may be preempted and see whether the preemptor fits at all
        for (PodInfo p : potential) {
            Status s = remove(runner, state, preemptor, p, node);
            if (!s.isSuccess()) {
                return Selection.failed(s);
            }
        }
        if (potential.isEmpty()) {
            return Selection.failed(Status.unresolvable(NO_VICTIMS));
        }
        // Pod affinity of the preemptor to a victim is deliberately not resolved here (as upstream):
        // such a node simply fails now.
        Status fits = runner.runFilterPluginsWithNominatedPods(state, preemptor, node);
        if (!fits.isSuccess()) {
            return Selection.failed(fits);
        }
        potential.sort(PodOrder.moreImportantFirst(now));
        // KubeBoot has no PodDisruptionBudget resource: every potential victim counts as non-violating,
        // so upstream's first pass (reprieving PDB-violating victims) is always empty and skipped.
        List<PodInfo> victims = new ArrayList<>();
        for (PodInfo p : potential) {
            node.addPod(p);
            Status added = runner.runPreFilterExtensionAddPod(state, preemptor, p, node);
            if (!added.isSuccess()) {
                return Selection.failed(asError(added));
            }
            if (!runner.runFilterPluginsWithNominatedPods(state, preemptor, node).isSuccess()) {
                Status removed = remove(runner, state, preemptor, p, node);
                if (!removed.isSuccess()) {
                    return Selection.failed(removed);
                }
                victims.add(p);
            }
        }
        return new Selection(Status.success(), victims, 0);
    }

    private static Status remove(Handle.PluginRunner runner, CycleState state, PodInfo preemptor, PodInfo victim, NodeInfo node) {
        if (!node.removePod(victim.pod())) {
            return Status.error("no corresponding pod " + victim.name() + " in pods of node " + node.nodeName());
        }
        Status s = runner.runPreFilterExtensionRemovePod(state, preemptor, victim, node);
        return s.isSuccess() ? s : asError(s);
    }

    /** Any failure of the what-if bookkeeping is an internal error, whatever code the plugin used. */
    private static Status asError(Status s) {
        if (s.code() == Status.Code.ERROR) {
            return s;
        }
        return s.errorCause() != null ? Status.error(s.errorCause()) : Status.error(s.message());
    }
}
