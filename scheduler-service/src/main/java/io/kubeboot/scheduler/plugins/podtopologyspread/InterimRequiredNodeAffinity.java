package io.kubeboot.scheduler.plugins.podtopologyspread;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.Pod;

import java.util.List;
import java.util.Map;

/**
 * A minimal stand-in for component-helpers' {@code nodeaffinity.GetRequiredNodeAffinity(pod).Match(node)}:
 * the pod's {@code spec.nodeSelector} AND its required node affinity terms (ORed). Parsing errors make a
 * term match nothing, as upstream's lazy-error selector does when callers ignore the error.
 *
 * <p>TODO: replace with {@code io.kubeboot.api.helpers.scheduling.RequiredNodeAffinity} once that lands in
 * api-machinery; kept package-private here only to avoid depending on work in progress. Immutable.
 */
final class InterimRequiredNodeAffinity {
    private final Map<String, String> nodeSelector;
    private final NodeSelector required;

    private InterimRequiredNodeAffinity(Map<String, String> nodeSelector, NodeSelector required) {
        this.nodeSelector = nodeSelector;
        this.required = required;
    }

    static InterimRequiredNodeAffinity of(Pod pod) {
        var spec = pod.getSpec();
        if (spec == null) {
            return new InterimRequiredNodeAffinity(Map.of(), null);
        }
        Map<String, String> sel = spec.getNodeSelector() == null ? Map.of() : spec.getNodeSelector();
        NodeSelector req = spec.getAffinity() == null || spec.getAffinity().getNodeAffinity() == null ? null
                : spec.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution();
        return new InterimRequiredNodeAffinity(sel, req);
    }

    boolean matches(Node node) {
        Map<String, String> labels = labels(node);
        for (Map.Entry<String, String> e : nodeSelector.entrySet()) {
            if (!e.getValue().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        if (required == null) {
            return true;
        }
        List<NodeSelectorTerm> terms = required.getNodeSelectorTerms() == null ? List.of() : required.getNodeSelectorTerms();
        for (NodeSelectorTerm t : terms) {
            if (termMatches(t, labels, node.getMetadata().getName())) {
                return true;
            }
        }
        return false;
    }

    static Map<String, String> labels(Node node) {
        Map<String, String> l = node.getMetadata() == null ? null : node.getMetadata().getLabels();
        return l == null ? Map.of() : l;
    }

    private static boolean termMatches(NodeSelectorTerm t, Map<String, String> labels, String nodeName) {
        List<NodeSelectorRequirement> exprs = t.getMatchExpressions() == null ? List.of() : t.getMatchExpressions();
        List<NodeSelectorRequirement> fields = t.getMatchFields() == null ? List.of() : t.getMatchFields();
        if (exprs.isEmpty() && fields.isEmpty()) {
            return false; // an empty term selects no node
        }
        for (NodeSelectorRequirement r : exprs) {
            Boolean m = labelRequirement(r, labels);
            if (m == null || !m) {
                return false;
            }
        }
        for (NodeSelectorRequirement r : fields) {
            Boolean m = fieldRequirement(r, nodeName);
            if (m == null || !m) {
                return false;
            }
        }
        return true;
    }

    /** Null when the requirement is invalid (the whole term then matches nothing). */
    private static Boolean labelRequirement(NodeSelectorRequirement r, Map<String, String> labels) {
        List<String> values = r.getValues() == null ? List.of() : r.getValues();
        String key = r.getKey();
        boolean has = labels.containsKey(key);
        switch (String.valueOf(r.getOperator())) {
            case "In":
                return values.isEmpty() ? null : has && values.contains(labels.get(key));
            case "NotIn":
                return values.isEmpty() ? null : !has || !values.contains(labels.get(key));
            case "Exists":
                return values.isEmpty() ? has : null;
            case "DoesNotExist":
                return values.isEmpty() ? !has : null;
            case "Gt":
            case "Lt":
                if (values.size() != 1) {
                    return null;
                }
                long bound;
                try {
                    bound = Long.parseLong(values.get(0));
                } catch (NumberFormatException e) {
                    return null;
                }
                if (!has) {
                    return false;
                }
                try {
                    long actual = Long.parseLong(labels.get(key));
                    return "Gt".equals(r.getOperator()) ? actual > bound : actual < bound;
                } catch (NumberFormatException e) {
                    return false;
                }
            default:
                return null;
        }
    }

    private static Boolean fieldRequirement(NodeSelectorRequirement r, String nodeName) {
        List<String> values = r.getValues() == null ? List.of() : r.getValues();
        if (!"metadata.name".equals(r.getKey()) || values.size() != 1) {
            return null;
        }
        return switch (String.valueOf(r.getOperator())) {
            case "In" -> values.get(0).equals(nodeName);
            case "NotIn" -> !values.get(0).equals(nodeName);
            default -> null;
        };
    }
}
