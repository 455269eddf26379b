package io.kubeboot.node.kubelet.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubeboot.api.json.Json;

import java.util.Iterator;
import java.util.Map;

/** Builds an RFC 7386 JSON merge patch that turns one document into another (lists are replaced whole). */
public final class JsonMergePatch {
    private JsonMergePatch() {
    }

    /** The patch from {@code source} to {@code target}; empty when they are equal. */
    public static ObjectNode diff(JsonNode source, JsonNode target) {
        ObjectNode patch = Json.NODES.objectNode();
        Iterator<String> names = source.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!target.has(name) || target.get(name).isNull()) {
                if (!source.get(name).isNull()) {
                    patch.putNull(name);
                }
            }
        }
        Iterator<Map.Entry<String, JsonNode>> fields = target.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            JsonNode from = source.get(f.getKey());
            JsonNode to = f.getValue();
            if (to.isNull()) {
                continue;
            }
            if (from == null || from.isNull()) {
                patch.set(f.getKey(), to);
            } else if (from.isObject() && to.isObject()) {
                ObjectNode sub = diff(from, to);
                if (!sub.isEmpty()) {
                    patch.set(f.getKey(), sub);
                }
            } else if (!from.equals(to)) {
                patch.set(f.getKey(), to);
            }
        }
        return patch;
    }
}
