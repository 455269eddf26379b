package io.kubeboot.node.nodestatus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubeboot.api.json.Json;

import java.util.Iterator;
import java.util.Map;

/**
 * The JSON merge patch (RFC 7386) that turns one document into another: changed members set, removed members
 * null, lists replaced whole. Pure.
 */
public final class MergePatch {
    private MergePatch() {
    }

    public static ObjectNode diff(JsonNode from, JsonNode to) {
        ObjectNode patch = Json.object();
        Iterator<Map.Entry<String, JsonNode>> old = from.fields();
        while (old.hasNext()) {
            Map.Entry<String, JsonNode> e = old.next();
            if (!to.has(e.getKey()) || to.get(e.getKey()).isNull()) {
                if (!e.getValue().isNull()) {
                    patch.putNull(e.getKey());
                }
            }
        }
        Iterator<Map.Entry<String, JsonNode>> now = to.fields();
        while (now.hasNext()) {
            Map.Entry<String, JsonNode> e = now.next();
            JsonNode before = from.get(e.getKey());
            JsonNode after = e.getValue();
            if (after.isNull() || after.equals(before)) {
                continue;
            }
            if (before != null && before.isObject() && after.isObject()) {
                ObjectNode inner = diff(before, after);
                if (!inner.isEmpty()) {
                    patch.set(e.getKey(), inner);
                }
            } else {
                patch.set(e.getKey(), after);
            }
        }
        return patch;
    }
}
