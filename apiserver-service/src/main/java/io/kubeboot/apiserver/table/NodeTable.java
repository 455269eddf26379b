package io.kubeboot.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static io.kubeboot.apiserver.table.Fields.list;
import static io.kubeboot.apiserver.table.Fields.text;

/**
 * Nodes: NAME STATUS ROLES AGE VERSION | INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION
 * CONTAINER-RUNTIME (upstream {@code printNode}). STATUS is Ready / NotReady / Unknown from the Ready
 * condition, plus SchedulingDisabled when cordoned; ROLES come from {@code node-role.kubernetes.io/*}
 * label keys and the {@code kubernetes.io/role} label value.
 */
public final class NodeTable implements TableConvertor {
    private static final String ROLE_PREFIX = "node-role.kubernetes.io/";
    private static final String ROLE_LABEL = "kubernetes.io/role";
    private static final String UNKNOWN = "<unknown>";

    private static final List<Column> COLUMNS = List.of(
            Columns.NAME,
            Columns.string("Status", Descriptions.NODE_STATUS),
            Columns.string("Roles", Descriptions.NODE_ROLES),
            Columns.AGE,
            Columns.string("Version", Descriptions.NODE_KUBELET_VERSION),
            Columns.wide("Internal-IP", Descriptions.NODE_ADDRESSES),
            Columns.wide("External-IP", Descriptions.NODE_ADDRESSES),
            Columns.wide("OS-Image", Descriptions.NODE_OS_IMAGE),
            Columns.wide("Kernel-Version", Descriptions.NODE_KERNEL_VERSION),
            Columns.wide("Container-Runtime", Descriptions.NODE_CONTAINER_RUNTIME_VERSION));

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode node, Instant now) {
        JsonNode info = Fields.at(node, "status", "nodeInfo");
        String roles = String.join(",", roles(node));
        return List.of(
                Fields.name(node),
                status(node),
                roles.isEmpty() ? Labels.NONE : roles,
                Fields.age(node, now),
                text(info, "kubeletVersion"),
                address(node, "InternalIP"),
                address(node, "ExternalIP"),
                orUnknown(text(info, "osImage")),
                orUnknown(text(info, "kernelVersion")),
                orUnknown(text(info, "containerRuntimeVersion")));
    }

    private static String status(JsonNode node) {
        // The last Ready condition wins, as upstream keys conditions by type in a map.
        String ready = null;
        for (JsonNode condition : list(node, "status", "conditions")) {
            if ("Ready".equals(text(condition, "type"))) {
                ready = "True".equals(text(condition, "status")) ? "Ready" : "NotReady";
            }
        }
        List<String> status = new ArrayList<>();
        status.add(ready == null ? "Unknown" : ready);
        if (Fields.bool(node, "spec", "unschedulable")) {
            status.add("SchedulingDisabled");
        }
        return String.join(",", status);
    }

    private static TreeSet<String> roles(JsonNode node) {
        TreeSet<String> roles = new TreeSet<>();
        JsonNode labels = Fields.at(node, "metadata", "labels");
        if (labels.isObject()) {
            labels.properties().forEach(e -> {
                String key = e.getKey();
                String value = e.getValue().asText();
                if (key.startsWith(ROLE_PREFIX)) {
                    String role = key.substring(ROLE_PREFIX.length());
                    if (!role.isEmpty()) {
                        roles.add(role);
                    }
                } else if (ROLE_LABEL.equals(key) && !value.isEmpty()) {
                    roles.add(value);
                }
            });
        }
        return roles;
    }

    /** The first address of {@code type}, or {@code <none>}. */
    private static String address(JsonNode node, String type) {
        for (JsonNode address : list(node, "status", "addresses")) {
            if (type.equals(text(address, "type"))) {
                return text(address, "address");
            }
        }
        return Labels.NONE;
    }

    private static String orUnknown(String s) {
        return s.isEmpty() ? UNKNOWN : s;
    }
}
