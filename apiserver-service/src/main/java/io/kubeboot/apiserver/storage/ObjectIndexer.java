package io.kubeboot.apiserver.storage;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubeboot.api.json.Json;
import io.kubeboot.api.resource.ResourceInfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/** Extracts from stored JSON what the cache filters on: namespace, name, labels, selectable fields. */
final class ObjectIndexer {
    private ObjectIndexer() {
    }

    static CachedObject index(ResourceInfo info, String key, byte[] json, long revision) {
        JsonNode root;
        try {
            root = Json.parse(json);
        } catch (IOException e) {
            throw new UncheckedIOException("stored object " + key + " is not JSON", e);
        }
        JsonNode meta = root.path("metadata");
        Map<String, String> labels = Map.of();
        JsonNode l = meta.get("labels");
        if (l != null && l.isObject() && !l.isEmpty()) {
            Map<String, String> m = new HashMap<>(l.size() * 2);
            l.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
            labels = m;
        }
        Map<String, String> fields = Map.of();
        if (!info.selectableFields().isEmpty()) {
            Map<String, String> m = new HashMap<>();
            for (String f : info.selectableFields()) {
                String v = selectable(root, f);
                if (v != null) {
                    m.put(f, v);
                }
            }
            fields = m;
        }
        String ns = meta.path("namespace").asText("");
        return new CachedObject(key, ns.isEmpty() ? null : ns, meta.path("name").asText(), labels, fields, json, revision);
    }

    /** Field values as upstream's field-label conversion renders them (booleans "true"/"false"). */
    private static String selectable(JsonNode root, String field) {
        if (field.equals("spec.hostNetwork")) {
            return Boolean.toString(root.path("spec").path("hostNetwork").asBoolean(false));
        }
        if (field.equals("spec.unschedulable")) {
            return Boolean.toString(root.path("spec").path("unschedulable").asBoolean(false));
        }
        if (field.equals("status.podIPs")) {
            return Json.textAt(root, "status.podIP");
        }
        if (field.equals("source")) {
            return Json.textAt(root, "source.component");
        }
        return Json.textAt(root, field);
    }
}
