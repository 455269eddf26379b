package io.kubeboot.apiserver.openapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubeboot.api.json.Json;

/** A group/version/kind as {@code x-kubernetes-group-version-kind} writes it. */
record Gvk(String group, String version, String kind) {
    ObjectNode toJson() {
        ObjectNode node = Json.object();
        node.put("group", group);
        node.put("kind", kind);
        node.put("version", version);
        return node;
    }
}
