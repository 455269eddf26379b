package io.kubeboot.node.nodestatus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.Quantity;
import io.kubeboot.api.json.Json;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Upstream's {@code nodeStatusHasChanged}: conditions compared without their heartbeat times (in type order),
 * everything else compared semantically (quantities by value). Pure.
 */
public final class NodeStatusComparison {
    private NodeStatusComparison() {
    }

    public static boolean changed(NodeStatus original, NodeStatus current) {
        if (original == null && current == null) {
            return false;
        }
        if (original == null || current == null) {
            return true;
        }
        if (conditionsChanged(original.getConditions(), current.getConditions())) {
            return true;
        }
        return !withoutConditions(original).equals(withoutConditions(current));
    }

    static boolean conditionsChanged(List<NodeCondition> original, List<NodeCondition> current) {
        List<NodeCondition> a = original == null ? List.of() : original;
        List<NodeCondition> b = current == null ? List.of() : current;
        if (a.size() != b.size()) {
            return true;
        }
        Comparator<NodeCondition> byType = Comparator.comparing(c -> String.valueOf(c.getType()));
        List<NodeCondition> sa = a.stream().sorted(byType).toList();
        List<NodeCondition> sb = b.stream().sorted(byType).toList();
        for (int i = 0; i < sa.size(); i++) {
            NodeCondition x = sa.get(i);
            NodeCondition y = sb.get(i);
            if (!Objects.equals(x.getType(), y.getType()) || !Objects.equals(x.getStatus(), y.getStatus())
                    || !Objects.equals(x.getReason(), y.getReason()) || !Objects.equals(x.getMessage(), y.getMessage())
                    || !Objects.equals(x.getLastTransitionTime(), y.getLastTransitionTime())) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode withoutConditions(NodeStatus status) {
        ObjectNode tree = Json.MAPPER.valueToTree(status);
        tree.remove("conditions");
        for (String list : List.of("capacity", "allocatable")) {
            Map<String, Quantity> q = list.equals("capacity") ? status.getCapacity() : status.getAllocatable();
            if (q == null || q.isEmpty()) {
                tree.remove(list);
                continue;
            }
            Map<String, String> values = new TreeMap<>();
            q.forEach((k, v) -> values.put(k, ResourceQuantities.amount(v).stripTrailingZeros().toPlainString()));
            tree.set(list, Json.MAPPER.valueToTree(values));
        }
        // absent and empty lists/maps are the same to Go's semantic equality after decoding
        java.util.List<String> empty = new java.util.ArrayList<>();
        tree.fields().forEachRemaining(e -> {
            if (e.getValue().isNull() || (e.getValue().isContainerNode() && e.getValue().isEmpty())) {
                empty.add(e.getKey());
            }
        });
        tree.remove(empty);
        return tree;
    }
}
