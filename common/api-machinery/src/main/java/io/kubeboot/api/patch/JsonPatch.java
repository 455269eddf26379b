package io.kubeboot.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubeboot.api.errors.ApiErrors;

/**
 * JSON patch (RFC 6902, {@code application/json-patch+json}) with the behaviour of the
 * evanphx/json-patch v4 engine kube-apiserver uses: operations add, remove, replace, move, copy and
 * test; {@code -} appends to a list; {@code ~1} and {@code ~0} unescape {@code /} and {@code ~};
 * negative list indexes count from the end. v4 quirks are kept: {@code replace} of a missing
 * object key adds it, and a missing {@code value} means null.
 *
 * <p>Any failing operation fails the whole patch with 422 Invalid and kube-apiserver's fixed message
 * ({@link PatchErrors#unprocessable()}); like upstream, the engine's reason is not returned.
 * Inputs are never modified. Stateless.
 */
public final class JsonPatch {
    /** kube-apiserver's maxJSONPatchOperations. */
    public static final int MAX_OPERATIONS = 10000;

    private JsonPatch() {
    }

    /**
     * @param patch the decoded patch document; it must be a list of operation objects
     * @throws io.kubeboot.api.errors.StatusException 400 when the patch is not a list of objects
     *         (Go's decoding message), 413 for more than {@value #MAX_OPERATIONS} operations, 422 when
     *         an operation does not apply
     */
    public static JsonNode apply(JsonNode original, JsonNode patch) {
        if (patch == null || patch.isNull() || patch.isMissingNode()) {
            return original.deepCopy();
        }
        if (!patch.isArray()) {
            throw PatchErrors.badRequest("json: cannot unmarshal " + jsonKind(patch)
                    + " into Go value of type jsonpatch.Patch");
        }
        for (JsonNode op : patch) {
            if (!op.isObject() && !op.isNull()) {
                throw PatchErrors.badRequest("json: cannot unmarshal " + jsonKind(op)
                        + " into Go value of type jsonpatch.Operation");
            }
        }
        if (patch.size() > MAX_OPERATIONS) {
            throw ApiErrors.requestEntityTooLarge("The allowed maximum operations in a JSON patch is "
                    + MAX_OPERATIONS + ", got " + patch.size());
        }
        try {
            return applyOperations(original, patch);
        } catch (Failure f) {
            throw PatchErrors.unprocessable();
        }
    }

    /** The engine itself; {@link Failure} carries upstream's error text. */
    static JsonNode applyOperations(JsonNode original, JsonNode patch) {
        JsonNode[] doc = {original.deepCopy()};
        for (JsonNode op : patch) {
            String kind = kind(op);
            switch (kind) {
                case "add" -> add(doc, op);
                case "remove" -> remove(doc, op);
                case "replace" -> replace(doc, op);
                case "move" -> move(doc, op);
                case "test" -> test(doc, op);
                case "copy" -> copy(doc, op);
                default -> throw new Failure("Unexpected kind: " + kind);
            }
        }
        return doc[0];
    }

    /** An operation that does not apply, with the text evanphx/json-patch gives it. */
    static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message, null, false, false);
        }
    }

    private static void add(JsonNode[] doc, JsonNode op) {
        String path = stringField(op, "path", "add operation failed to decode path: missing value");
        Target t = findObject(doc[0], path);
        if (t == null) {
            throw new Failure("add operation does not apply: doc is missing path: \"" + path + "\": missing value");
        }
        try {
            t.add(value(op));
        } catch (Failure f) {
            throw new Failure("error in add for path: '" + path + "': " + f.getMessage());
        }
    }

    private static void remove(JsonNode[] doc, JsonNode op) {
        String path = stringField(op, "path", "remove operation failed to decode path: missing value");
        Target t = findObject(doc[0], path);
        if (t == null) {
            throw new Failure("remove operation does not apply: doc is missing path: \"" + path + "\": missing value");
        }
        try {
            t.remove();
        } catch (Failure f) {
            throw new Failure("error in remove for path: '" + path + "': " + f.getMessage());
        }
    }

    private static void replace(JsonNode[] doc, JsonNode op) {
        String path = stringField(op, "path", "replace operation failed to decode path");
        if (path.isEmpty()) {
            JsonNode v = value(op);
            if (!v.isContainerNode()) {
                throw new Failure("replace operation value must be object or array");
            }
            doc[0] = v;
            return;
        }
        Target t = findObject(doc[0], path);
        if (t == null) {
            throw new Failure("replace operation does not apply: doc is missing path: " + path + ": missing value");
        }
        try {
            t.get();
        } catch (Failure f) {
            throw new Failure("replace operation does not apply: doc is missing key: " + path + ": missing value");
        }
        t.set(value(op));
    }

    private static void move(JsonNode[] doc, JsonNode op) {
        String from = stringField(op, "from", "move operation failed to decode from");
        Target source = findObject(doc[0], from);
        if (source == null) {
            throw new Failure("move operation does not apply: doc is missing from path: " + from + ": missing value");
        }
        JsonNode val;
        try {
            val = source.get();
            source.remove();
        } catch (Failure f) {
            throw new Failure("error in move for path: '" + source.key + "': " + f.getMessage());
        }
        String path = stringField(op, "path", "move operation failed to decode path");
        Target target = findObject(doc[0], path);
        if (target == null) {
            throw new Failure("move operation does not apply: doc is missing destination path: " + path
                    + ": missing value");
        }
        try {
            target.add(val == null ? NullNode.getInstance() : val);
        } catch (Failure f) {
            throw new Failure("error in move for path: '" + path + "': " + f.getMessage());
        }
    }

    private static void copy(JsonNode[] doc, JsonNode op) {
        String from = stringField(op, "from", "copy operation failed to decode from");
        Target source = findObject(doc[0], from);
        if (source == null) {
            throw new Failure("copy operation does not apply: doc is missing from path: " + from + ": missing value");
        }
        JsonNode val;
        try {
            val = source.get();
        } catch (Failure f) {
            throw new Failure("error in copy for from: '" + from + "': " + f.getMessage());
        }
        String path = stringField(op, "path", "copy operation failed to decode path: missing value");
        Target target = findObject(doc[0], path);
        if (target == null) {
            throw new Failure("copy operation does not apply: doc is missing destination path: " + path
                    + ": missing value");
        }
        try {
            target.add(val == null ? NullNode.getInstance() : val.deepCopy());
        } catch (Failure f) {
            throw new Failure("error while adding value during copy: " + f.getMessage());
        }
    }

    private static void test(JsonNode[] doc, JsonNode op) {
        String path = stringField(op, "path", "test operation failed to decode path");
        JsonNode expected = op.get("value");
        if (path.isEmpty()) {
            if (expected != null && Values.jsonEquals(doc[0], expected)) {
                return;
            }
            throw new Failure("testing value " + path + " failed: test failed");
        }
        Target t = findObject(doc[0], path);
        if (t == null) {
            throw new Failure("test operation does not apply: is missing path: " + path + ": missing value");
        }
        JsonNode actual;
        try {
            actual = t.get();
        } catch (Failure f) {
            throw new Failure("error in test for path: '" + path + "': " + f.getMessage());
        }
        if (actual == null || actual.isNull()) {
            if (expected != null && expected.isNull()) {
                return;
            }
            throw new Failure("testing value " + path + " failed: test failed");
        }
        if (expected == null || !Values.jsonEquals(actual, expected)) {
            throw new Failure("testing value " + path + " failed: test failed");
        }
    }

    /** The parent container of a JSON pointer and the last, unescaped token; null when a parent is missing. */
    private static Target findObject(JsonNode root, String path) {
        String[] split = path.split("/", -1);
        if (split.length < 2) {
            return null;
        }
        JsonNode doc = root;
        for (int i = 1; i < split.length - 1; i++) {
            JsonNode next;
            try {
                next = new Target((ContainerNode<?>) doc, decode(split[i])).get();
            } catch (Failure f) {
                return null;
            }
            if (next == null || !next.isContainerNode()) {
                return null;
            }
            doc = next;
        }
        if (!doc.isContainerNode()) {
            return null;
        }
        return new Target((ContainerNode<?>) doc, decode(split[split.length - 1]));
    }

    private static String decode(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }

    /** One slot of an object or list, with v4's index rules. */
    private static final class Target {
        final ContainerNode<?> container;
        final String key;

        Target(ContainerNode<?> container, String key) {
            this.container = container;
            this.key = key;
        }

        /** The value, or null for a missing object key (v4 does not fail then). */
        JsonNode get() {
            if (container instanceof ObjectNode o) {
                return o.get(key);
            }
            ArrayNode a = (ArrayNode) container;
            int idx = atoi(key, null);
            if (idx < 0) {
                if (idx < -a.size()) {
                    throw invalidIndex(idx);
                }
                idx += a.size();
            }
            if (idx >= a.size()) {
                throw invalidIndex(idx);
            }
            return a.get(idx);
        }

        void set(JsonNode value) {
            if (container instanceof ObjectNode o) {
                o.set(key, value);
                return;
            }
            ArrayNode a = (ArrayNode) container;
            int idx = atoi(key, null);
            if (idx < 0) {
                idx += a.size();
            }
            a.set(idx, value);
        }

        void add(JsonNode value) {
            if (container instanceof ObjectNode o) {
                o.set(key, value);
                return;
            }
            ArrayNode a = (ArrayNode) container;
            if (key.equals("-")) {
                a.add(value);
                return;
            }
            int idx = atoi(key, "value was not a proper array index: '" + key + "'");
            int size = a.size() + 1;
            if (idx >= size) {
                throw invalidIndex(idx);
            }
            if (idx < 0) {
                if (idx < -size) {
                    throw invalidIndex(idx);
                }
                idx += size;
            }
            a.insert(idx, value);
        }

        void remove() {
            if (container instanceof ObjectNode o) {
                if (!o.has(key)) {
                    throw new Failure("Unable to remove nonexistent key: " + key + ": missing value");
                }
                o.remove(key);
                return;
            }
            ArrayNode a = (ArrayNode) container;
            int idx = atoi(key, null);
            if (idx >= a.size()) {
                throw invalidIndex(idx);
            }
            if (idx < 0) {
                if (idx < -a.size()) {
                    throw invalidIndex(idx);
                }
                idx += a.size();
            }
            a.remove(idx);
        }

        private static Failure invalidIndex(int idx) {
            return new Failure("Unable to access invalid index: " + idx + ": invalid index referenced");
        }

        /** Go's strconv.Atoi: optional sign, decimal digits. */
        private static int atoi(String s, String context) {
            try {
                if (s.isEmpty() || !s.matches("[+-]?[0-9]+")) {
                    throw new NumberFormatException();
                }
                return Integer.parseInt(s.startsWith("+") ? s.substring(1) : s);
            } catch (NumberFormatException e) {
                String err = "strconv.Atoi: parsing " + io.kubeboot.api.validation.FieldError.quote(s) + ": "
                        + (s.matches("[+-]?[0-9]+") ? "value out of range" : "invalid syntax");
                throw new Failure(context == null ? err : context + ": " + err);
            }
        }
    }

    private static String kind(JsonNode op) {
        JsonNode k = op.get("op");
        return k != null && k.isTextual() ? k.textValue() : "unknown";
    }

    private static String stringField(JsonNode op, String field, String error) {
        JsonNode v = op.get(field);
        if (v == null || v.isNull()) {
            throw new Failure(error);
        }
        if (!v.isTextual()) {
            throw new Failure(error + ": json: cannot unmarshal " + jsonKind(v) + " into Go value of type string");
        }
        return v.textValue();
    }

    private static JsonNode value(JsonNode op) {
        JsonNode v = op.get("value");
        return v == null ? NullNode.getInstance() : v.deepCopy();
    }

    /** The JSON kind word Go's UnmarshalTypeError uses. */
    static String jsonKind(JsonNode n) {
        if (n.isObject()) {
            return "object";
        }
        if (n.isArray()) {
            return "array";
        }
        if (n.isTextual()) {
            return "string";
        }
        if (n.isBoolean()) {
            return "bool";
        }
        return n.isNumber() ? "number" : "null";
    }
}
