package io.kubeboot.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * JSON merge patch (RFC 7386, {@code application/merge-patch+json}) with the behaviour of the
 * evanphx/json-patch v4 {@code MergePatch} that kube-apiserver uses: {@code null} deletes a field,
 * objects merge recursively, everything else replaces; nulls inside added values are dropped,
 * null list elements are kept. A list patch replaces the whole document.
 *
 * <p>Inputs are never modified. Stateless.
 */
public final class JsonMergePatch {
    private JsonMergePatch() {
    }

    /**
     * @throws io.kubeboot.api.errors.StatusException 400 {@code Invalid JSON Patch} when the patch is
     *                                                null or a scalar, as kube-apiserver answers
     */
    public static JsonNode apply(JsonNode original, JsonNode patch) {
        if (patch == null || patch.isNull() || patch.isMissingNode() || !patch.isContainerNode()) {
            throw PatchErrors.badRequest(PatchErrors.BAD_JSON_PATCH);
        }
        if (original == null || original.isNull() || original.isMissingNode()) {
            throw PatchErrors.unknown("Invalid JSON Document");
        }
        if (patch.isArray()) {
            return pruneNulls(patch.deepCopy());
        }
        if (!original.isObject()) {
            return pruneNulls(patch.deepCopy());
        }
        ObjectNode doc = ((ObjectNode) original).deepCopy();
        mergeDocs(doc, (ObjectNode) patch.deepCopy());
        return doc;
    }

    private static void mergeDocs(ObjectNode doc, ObjectNode patch) {
        for (Map.Entry<String, JsonNode> e : entries(patch)) {
            String k = e.getKey();
            JsonNode v = e.getValue();
            if (v.isNull()) {
                doc.remove(k);
                continue;
            }
            JsonNode cur = doc.get(k);
            if (cur == null || cur.isNull()) {
                doc.set(k, pruneNulls(v));
            } else {
                doc.set(k, merge(cur, v));
            }
        }
    }

    private static JsonNode merge(JsonNode cur, JsonNode patch) {
        if (!(cur instanceof ObjectNode curDoc)) {
            return pruneNulls(patch);
        }
        if (!(patch instanceof ObjectNode patchDoc)) {
            return patch;
        }
        mergeDocs(curDoc, patchDoc);
        return curDoc;
    }

    /** Drops null fields of objects at any depth; null list elements stay, as upstream keeps them. */
    private static JsonNode pruneNulls(JsonNode n) {
        if (n instanceof ObjectNode o) {
            for (Map.Entry<String, JsonNode> e : entries(o)) {
                if (e.getValue().isNull()) {
                    o.remove(e.getKey());
                } else {
                    pruneNulls(e.getValue());
                }
            }
        } else if (n instanceof ArrayNode a) {
            a.forEach(JsonMergePatch::pruneNulls);
        }
        return n;
    }

    private static List<Map.Entry<String, JsonNode>> entries(ObjectNode o) {
        List<Map.Entry<String, JsonNode>> list = new ArrayList<>();
        o.fields().forEachRemaining(list::add);
        return list;
    }
}
