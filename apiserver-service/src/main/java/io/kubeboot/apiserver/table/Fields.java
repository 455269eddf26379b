package io.kubeboot.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Null-safe reads of stored JSON that give Go's zero values for absent fields ("" for strings, 0
 * for numbers, false for booleans, nothing for lists), which is what upstream's printers see after
 * decoding an object that omits them.
 */
final class Fields {
    private Fields() {
    }

    /** The node at {@code path}, or a missing node. */
    static JsonNode at(JsonNode node, String... path) {
        JsonNode n = node == null ? MissingNode.getInstance() : node;
        for (String key : path) {
            n = n.path(key);
        }
        return n;
    }

    /** True when the field holds an object (Go: a non-nil pointer to a struct). */
    static boolean isSet(JsonNode node, String... path) {
        return at(node, path).isObject();
    }

    /** True when the field is present and not JSON null (Go: a non-nil pointer to a scalar). */
    static boolean isPresent(JsonNode node, String... path) {
        JsonNode n = at(node, path);
        return !n.isMissingNode() && !n.isNull();
    }

    static String text(JsonNode node, String... path) {
        JsonNode n = at(node, path);
        return n.isValueNode() && !n.isNull() ? n.asText() : "";
    }

    static long integer(JsonNode node, String... path) {
        JsonNode n = at(node, path);
        return n.isNumber() ? n.asLong() : 0L;
    }

    static boolean bool(JsonNode node, String... path) {
        return at(node, path).asBoolean(false);
    }

    /** The elements of an array field; empty when absent. */
    static List<JsonNode> list(JsonNode node, String... path) {
        JsonNode n = at(node, path);
        List<JsonNode> items = new ArrayList<>();
        if (n.isArray()) {
            n.forEach(items::add);
        }
        return items;
    }

    /** Number of entries of an array or map field; 0 when absent. */
    static int size(JsonNode node, String... path) {
        JsonNode n = at(node, path);
        return n.isArray() || n.isObject() ? n.size() : 0;
    }

    static String name(JsonNode object) {
        return text(object, "metadata", "name");
    }

    /** The AGE cell: time since {@code metadata.creationTimestamp}. */
    static String age(JsonNode object, Instant now) {
        return Timestamps.since(at(object, "metadata", "creationTimestamp"), now);
    }

    /** Go's {@code DeletionTimestamp != nil}. */
    static boolean deleting(JsonNode object) {
        return isPresent(object, "metadata", "deletionTimestamp");
    }
}
