package io.kubeboot.scheduler.plugins.podtopologyspread;

import io.kubeboot.api.helpers.scheduling.RequiredNodeAffinity;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.kubeboot.api.selector.LabelSelector;

import java.util.List;
import java.util.Map;

/**
 * A {@code TopologySpreadConstraint} with its selector parsed and its optional fields defaulted, as
 * upstream's internal {@code topologySpreadConstraint}: minDomains 1, nodeAffinityPolicy Honor,
 * nodeTaintsPolicy Ignore.
 *
 * @param honorNodeAffinity nodeAffinityPolicy is Honor: only nodes matching the pod's nodeSelector/required
 *                          node affinity count as domains
 * @param honorNodeTaints   nodeTaintsPolicy is Honor: nodes with NoSchedule/NoExecute taints the pod does not
 *                          tolerate do not count as domains
 */
record SpreadConstraint(int maxSkew, String topologyKey, LabelSelector selector, int minDomains,
                        boolean honorNodeAffinity, boolean honorNodeTaints) {

    /** Whether {@code node} is an eligible domain member for {@code pod} under the inclusion policies. */
    boolean matchesNodeInclusionPolicies(Pod pod, Node node, RequiredNodeAffinity requiredAffinity) {
        if (honorNodeAffinity && !requiredAffinity.match(node)) {
            return false;
        }
        return !honorNodeTaints || !hasUntoleratedDoNotScheduleTaint(node, pod);
    }

    /** Whether the node carries every topology key of {@code constraints}. */
    static boolean nodeHasAllTopologyKeys(Map<String, String> nodeLabels, List<SpreadConstraint> constraints) {
        for (SpreadConstraint c : constraints) {
            if (!nodeLabels.containsKey(c.topologyKey)) {
                return false;
            }
        }
        return true;
    }

    /** Upstream's FindMatchingUntoleratedTaint with DoNotScheduleTaintsFilterFunc (NoSchedule, NoExecute). */
    static boolean hasUntoleratedDoNotScheduleTaint(Node node, Pod pod) {
        List<Taint> taints = node.getSpec() == null || node.getSpec().getTaints() == null ? List.of() : node.getSpec().getTaints();
        List<Toleration> tolerations = pod.getSpec() == null || pod.getSpec().getTolerations() == null
                ? List.of() : pod.getSpec().getTolerations();
        for (Taint t : taints) {
            if (!"NoSchedule".equals(t.getEffect()) && !"NoExecute".equals(t.getEffect())) {
                continue;
            }
            boolean tolerated = false;
            for (Toleration tol : tolerations) {
                if (tolerates(tol, t)) {
                    tolerated = true;
                    break;
                }
            }
            if (!tolerated) {
                return true;
            }
        }
        return false;
    }

    /** core/v1 {@code Toleration.ToleratesTaint}. */
    static boolean tolerates(Toleration tol, Taint taint) {
        if (notEmpty(tol.getEffect()) && !tol.getEffect().equals(taint.getEffect())) {
            return false;
        }
        if (notEmpty(tol.getKey()) && !tol.getKey().equals(taint.getKey())) {
            return false;
        }
        String op = tol.getOperator() == null ? "" : tol.getOperator();
        return switch (op) {
            case "", "Equal" -> nz(tol.getValue()).equals(nz(taint.getValue()));
            case "Exists" -> true;
            default -> false;
        };
    }

    private static boolean notEmpty(String s) {
        return s != null && !s.isEmpty();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
