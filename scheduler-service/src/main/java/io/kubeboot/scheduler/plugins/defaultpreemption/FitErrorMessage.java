package io.kubeboot.scheduler.plugins.defaultpreemption;

import io.kubeboot.scheduler.framework.Status;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The text of upstream's {@code FitError.Error()} as preemption builds it: {@code 0/N nodes are
 * available: <count> <reason>, ....} with the reasons of the nodes tried counted, every node not tried
 * counted under the absent-nodes reason, and the "count reason" strings sorted as strings.
 */
final class FitErrorMessage {
    private FitErrorMessage() {
    }

    static String of(int numAllNodes, Map<String, Status> nodeStatuses, String absentReason) {
        Map<String, Integer> counts = new TreeMap<>();
        for (Status s : nodeStatuses.values()) {
            for (String r : s.reasons()) {
                counts.merge(r, 1, Integer::sum);
            }
        }
        if (nodeStatuses.size() < numAllNodes) {
            counts.merge(absentReason, numAllNodes - nodeStatuses.size(), Integer::sum);
        }
        List<String> histogram = new ArrayList<>(counts.size());
        counts.forEach((reason, n) -> histogram.add(n + " " + reason));
        histogram.sort(null);
        StringBuilder b = new StringBuilder("0/").append(numAllNodes).append(" nodes are available:");
        if (!histogram.isEmpty()) {
            b.append(' ').append(String.join(", ", histogram)).append('.');
        }
        return b.toString();
    }
}
