package io.kubeboot.scheduler.core;

import io.kubeboot.scheduler.framework.Status;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Why a pod fits nowhere, as upstream's {@code framework.Diagnosis}: each evaluated node's rejecting
 * status, the plugins that rejected (the queue retries the pod on their events), and the PreFilter and
 * PostFilter messages.
 *
 * <p>Confined to one scheduling cycle (filled by the parallel filter through a synchronized map).
 */
public final class Diagnosis {
    final Map<String, Status> nodeToStatus = java.util.Collections.synchronizedMap(new HashMap<>());
    final Set<String> unschedulablePlugins = java.util.Collections.synchronizedSet(new LinkedHashSet<>());
    final Set<String> pendingPlugins = java.util.Collections.synchronizedSet(new LinkedHashSet<>());
    String preFilterMsg = "";
    String postFilterMsg = "";
    /** The verdict for every node not in {@link #nodeToStatus} (as upstream's absent-nodes status); no reasons by default. */
    Status absentNodesStatus = Status.unresolvable();

    public Map<String, Status> nodeToStatus() {
        return nodeToStatus;
    }

    public Set<String> unschedulablePlugins() {
        return unschedulablePlugins;
    }

    public Set<String> pendingPlugins() {
        return pendingPlugins;
    }

    void record(String node, Status s) {
        nodeToStatus.put(node, s);
        if (s.plugin() != null) {
            if (s.code() == Status.Code.PENDING) {
                pendingPlugins.add(s.plugin());
            } else {
                unschedulablePlugins.add(s.plugin());
            }
        }
    }

    /**
     * Upstream's {@code FitError.Error()}: "0/N nodes are available: " then the PreFilter message, or the
     * reasons counted over nodes and sorted ("1 Insufficient cpu, 2 node(s) had untolerated taint ..."),
     * then the PostFilter (preemption) message, which brings its own period.
     */
    public String fitErrorMessage(int numAllNodes) {
        StringBuilder msg = new StringBuilder("0/").append(numAllNodes).append(" nodes are available:");
        if (!preFilterMsg.isEmpty()) {
            msg.append(' ').append(preFilterMsg).append('.');
        } else {
            List<String> histogram = reasonHistogram(nodeToStatus, absentNodesStatus, numAllNodes);
            if (!histogram.isEmpty()) {
                msg.append(' ').append(String.join(", ", histogram)).append('.');
            }
        }
        if (!postFilterMsg.isEmpty()) {
            // preemption's message is a complete sentence already ("preemption: 0/3 nodes are available: ....")
            msg.append(' ').append(postFilterMsg);
        }
        return msg.toString();
    }

    /**
     * "count reason" strings, sorted as strings, as upstream's sortReasonsHistogram; the nodes of the
     * cluster without an explicit status count under the absent-nodes status's reasons.
     */
    static List<String> reasonHistogram(Map<String, Status> statuses, Status absent, int numAllNodes) {
        Map<String, Integer> counts = new HashMap<>();
        int explicit;
        synchronized (statuses) {
            explicit = statuses.size();
            for (Status s : statuses.values()) {
                for (String r : s.reasons()) {
                    counts.merge(r, 1, Integer::sum);
                }
            }
        }
        if (explicit < numAllNodes) {
            for (String r : absent.reasons()) {
                counts.merge(r, numAllNodes - explicit, Integer::sum);
            }
        }
        List<String> out = new ArrayList<>(counts.size());
        counts.forEach((r, n) -> out.add(n + " " + r));
        out.sort(null);
        return out;
    }
}
