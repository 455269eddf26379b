package io.kubeboot.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.kubeboot.api.json.Json;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Strategic merge patch ({@code application/strategic-merge-patch+json}) as kube-apiserver applies
 * it (apimachinery {@code strategicpatch.StrategicMergeMapPatch}, server-side options): lists whose
 * field is tagged {@code patchStrategy:"merge"} ({@link PatchMetaTable}) merge by their
 * {@code patchMergeKey} (primitive lists are unioned), other lists are replaced; maps merge
 * recursively; {@code null} deletes a field. Directives: {@code $patch: replace|delete|merge},
 * {@code $setElementOrder/<list>}, {@code $deleteFromPrimitiveList/<list>}, {@code $retainKeys}.
 *
 * <p>Values follow Go's decoding: integers are int64, other numbers float64, and merge keys match
 * only with the same type. Errors become the Status kube-apiserver answers
 * ({@code interpretStrategicMergePatchError}): 400 for malformed directives, 422 for lists of
 * lists, and 500 with an empty reason and the engine's text for the rest (unknown {@code $patch},
 * missing merge key, unknown field).
 *
 * <p>Inputs are never modified. Stateless.
 */
public final class StrategicMergePatch {
    private static final String DIRECTIVE = "$patch";
    private static final String DELETE = "delete";
    private static final String REPLACE = "replace";
    private static final String MERGE = "merge";
    private static final String RETAIN_KEYS_STRATEGY = "retainKeys";
    private static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList";
    private static final String RETAIN_KEYS = "$retainKeys";
    private static final String SET_ELEMENT_ORDER = "$setElementOrder";

    private StrategicMergePatch() {
    }

    /** A patch engine error carrying upstream's text; mapped to a Status at the API boundary. */
    static final class SmpError extends RuntimeException {
        SmpError(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * @param original   the current object as JSON (an object)
     * @param patch      the decoded patch; JSON null is an empty patch
     * @param modelClass the fabric8 model class of the object, e.g. {@code Deployment.class}
     * @return a new tree; inputs are untouched
     */
    public static JsonNode apply(JsonNode original, JsonNode patch, Class<?> modelClass) {
        if (patch == null || patch.isNull() || patch.isMissingNode()) {
            return original.deepCopy();
        }
        if (!patch.isObject()) {
            throw PatchErrors.badRequest("json: cannot unmarshal " + JsonPatch.jsonKind(patch)
                    + " into Go value of type map[string]interface {}");
        }
        if (!original.isObject()) {
            throw new IllegalArgumentException("original must be a JSON object");
        }
        try {
            return mergeMap(((ObjectNode) original).deepCopy(), ((ObjectNode) patch).deepCopy(),
                    PatchSchema.of(modelClass));
        } catch (SmpError e) {
            throw PatchErrors.strategic(e.getMessage());
        }
    }

    // ---- maps ----

    private static ObjectNode mergeMap(ObjectNode original, ObjectNode patch, PatchSchema schema) {
        if (patch.has(DIRECTIVE)) {
            return handleDirectiveInMergeMap(patch.get(DIRECTIVE), patch);
        }
        if (original == null) {
            original = Json.object();
        }
        applyRetainKeysDirective(original, patch);
        mergePatchIntoOriginal(original, patch, schema);

        for (Map.Entry<String, JsonNode> entry : entries(patch)) {
            String k = entry.getKey();
            JsonNode patchV = entry.getValue();
            boolean isDeleteList = false;
            if (k.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
                k = extractKey(k, DELETE_FROM_PRIMITIVE_LIST);
                isDeleteList = true;
            }
            if (patchV.isNull()) {
                original.remove(k);
                continue;
            }
            JsonNode originalV = original.get(k);
            if (originalV == null || Values.typeTag(originalV) != Values.typeTag(patchV)) {
                // absent, or of another type: take the patch value as it is
                if (!isDeleteList) {
                    discardNullValuesFromPatch(patchV);
                    setOrRemove(original, k, removeDirectives(patchV));
                }
                continue;
            }
            switch (Values.typeTag(originalV)) {
                case MAP -> {
                    PatchSchema.Lookup l = schema.forStruct(k);
                    String strategy = patchStrategy(l.meta());
                    original.set(k, REPLACE.equals(strategy) ? patchV
                            : mergeMap((ObjectNode) originalV, (ObjectNode) patchV, l.schema()));
                }
                case SLICE -> {
                    PatchSchema.Lookup l = schema.forSlice(k);
                    String strategy = patchStrategy(l.meta());
                    original.set(k, toArray(mergeSliceHandler(list(originalV), list(patchV), l.schema(),
                            strategy, l.meta().mergeKey(), isDeleteList)));
                }
                default -> setOrRemove(original, k, removeDirectives(patchV));
            }
        }
        return original;
    }

    private static ObjectNode handleDirectiveInMergeMap(JsonNode directive, ObjectNode patch) {
        if (isString(directive, REPLACE)) {
            patch.remove(DIRECTIVE);
            return patch;
        }
        if (isString(directive, DELETE)) {
            return Json.object();
        }
        throw new SmpError(badPatchType(directive, patch));
    }

    /** Clears keys of {@code original} missing from the {@code $retainKeys} list of the patch. */
    private static void applyRetainKeysDirective(ObjectNode original, ObjectNode patch) {
        JsonNode retain = patch.remove(RETAIN_KEYS);
        if (retain == null) {
            return;
        }
        if (!retain.isArray()) {
            throw new SmpError(PatchErrors.BAD_RETAIN_KEYS);
        }
        Set<Object> keys = new HashSet<>();
        retain.forEach(v -> keys.add(Values.key(v)));
        for (Map.Entry<String, JsonNode> e : entries(patch)) {
            String k = e.getKey();
            if (e.getValue().isNull() || k.startsWith(DELETE_FROM_PRIMITIVE_LIST) || k.startsWith(SET_ELEMENT_ORDER)) {
                continue;
            }
            if (!keys.contains(Values.key(TextNode.valueOf(k)))) {
                throw new SmpError(PatchErrors.BAD_RETAIN_KEYS);
            }
        }
        for (Map.Entry<String, JsonNode> e : entries(original)) {
            if (!keys.contains(Values.key(TextNode.valueOf(e.getKey())))) {
                original.remove(e.getKey());
            }
        }
    }

    /**
     * Applies each {@code $setElementOrder/<list>} with its list: merges the list, then orders it by
     * the directive (precedence: directive, then patch order, then live order) and removes both
     * from the patch.
     */
    private static void mergePatchIntoOriginal(ObjectNode original, ObjectNode patch, PatchSchema schema) {
        for (Map.Entry<String, JsonNode> entry : entries(patch)) {
            String key = entry.getKey();
            if (!key.startsWith(SET_ELEMENT_ORDER)) {
                continue;
            }
            JsonNode setOrderNode = entry.getValue();
            patch.remove(key);
            if (!setOrderNode.isArray()) {
                throw new SmpError(badArgType("[]interface {}", setOrderNode));
            }
            List<JsonNode> setOrder = list(setOrderNode);
            String originalKey = extractKey(key, SET_ELEMENT_ORDER);
            JsonNode originalList = original.get(originalKey);
            JsonNode patchList = patch.get(originalKey);
            List<JsonNode> originalValue = null;
            List<JsonNode> patchValue = null;
            if (originalList != null) {
                if (!originalList.isArray()) {
                    throw new SmpError(badArgType("[]interface {}", originalList));
                }
                originalValue = list(originalList);
            }
            if (patchList != null) {
                if (!patchList.isArray()) {
                    throw new SmpError(badArgType("[]interface {}", patchList));
                }
                patchValue = list(patchList);
            }
            PatchSchema.Lookup l = schema.forSlice(originalKey);
            String strategy = patchStrategy(l.meta());
            String mergeKey = l.meta().mergeKey();
            validatePatchWithSetOrderList(patchValue, setOrder, mergeKey);

            List<JsonNode> merged;
            if (originalValue != null && patchValue == null) {
                merged = originalValue;
            } else if (originalValue == null && patchValue != null) {
                merged = list(removeDirectives(patchList).value());
            } else if (originalValue != null) {
                merged = mergeSliceHandler(originalValue, patchValue, l.schema(), strategy, mergeKey, false);
            } else {
                continue;
            }
            Partition p = mergeKey.isEmpty() ? partitionPrimitives(merged, setOrder)
                    : partitionMaps(merged, setOrder, mergeKey);
            Values.Tag kind = sliceElementType(nonNull(originalValue), nonNull(patchValue));
            original.set(originalKey, toArray(normalizeElementOrder(p.patch, p.serverOnly, setOrder,
                    nonNull(originalValue), mergeKey, kind)));
            patch.remove(originalKey);
        }
    }

    private static void validatePatchWithSetOrderList(List<JsonNode> patchList, List<JsonNode> setOrder,
                                                      String mergeKey) {
        if (setOrder.isEmpty() || patchList == null || patchList.isEmpty()) {
            return;
        }
        List<JsonNode> nonDelete = mergeKey.isEmpty() ? patchList : extractToDeleteItems(patchList).keep;
        int pi = 0;
        int si = 0;
        while (pi < nonDelete.size() && si < setOrder.size()) {
            if (nonDelete.get(pi).isObject() && nonDelete.get(pi).has(DIRECTIVE)) {
                pi++;
                continue;
            }
            if (mergeKeyValueEqual(nonDelete.get(pi), setOrder.get(si), mergeKey)) {
                pi++;
            }
            si++;
        }
        if (pi < nonDelete.size() && si >= setOrder.size()) {
            throw new SmpError("The order in patch list:\n" + GoFormat.v(toArray(patchList)) + "\n doesn't match "
                    + SET_ELEMENT_ORDER + " list:\n" + GoFormat.v(toArray(setOrder)) + "\n");
        }
    }

    private static boolean mergeKeyValueEqual(JsonNode left, JsonNode right, String mergeKey) {
        if (mergeKey.isEmpty()) {
            return Values.goEquals(left, right);
        }
        if (!left.isObject()) {
            throw new SmpError(badArgType("map[string]interface {}", left));
        }
        if (!right.isObject()) {
            throw new SmpError(badArgType("map[string]interface {}", right));
        }
        if (!left.has(mergeKey)) {
            throw new SmpError(noMergeKey(left, mergeKey));
        }
        if (!right.has(mergeKey)) {
            throw new SmpError(noMergeKey(right, mergeKey));
        }
        return Values.goEquals(left.get(mergeKey), right.get(mergeKey));
    }

    // ---- lists ----

    private static List<JsonNode> mergeSliceHandler(List<JsonNode> original, List<JsonNode> patch, PatchSchema schema,
                                                    String strategy, String mergeKey, boolean isDeleteList) {
        if (MERGE.equals(strategy) || isDeleteList) {
            return mergeSlice(original, patch, schema, mergeKey, isDeleteList);
        }
        return patch;
    }

    private static List<JsonNode> mergeSlice(List<JsonNode> original, List<JsonNode> patch, PatchSchema schema,
                                             String mergeKey, boolean isDeleteList) {
        if (original.isEmpty() && patch.isEmpty()) {
            return original;
        }
        Values.Tag kind = sliceElementType(original, patch);
        List<JsonNode> merged;
        if (kind != Values.Tag.MAP) {
            if (isDeleteList) {
                return deleteFromSlice(original, patch);
            }
            List<JsonNode> both = new ArrayList<>(original);
            both.addAll(patch);
            merged = deduplicateScalars(both);
        } else {
            if (mergeKey.isEmpty()) {
                throw new SmpError("cannot merge lists without merge key for " + schema.name());
            }
            Special special = mergeSliceWithSpecialElements(original, patch, mergeKey);
            original = special.original;
            patch = special.patch;
            merged = mergeSliceWithoutSpecialElements(original, patch, mergeKey, schema);
        }
        Partition p = mergeKey.isEmpty() ? partitionPrimitives(merged, patch) : partitionMaps(merged, patch, mergeKey);
        return normalizeElementOrder(p.patch, p.serverOnly, patch, original, mergeKey, kind);
    }

    private record Special(List<JsonNode> original, List<JsonNode> patch) {
    }

    /** Applies {@code $patch: delete} items and detects {@code $patch: replace}. */
    private static Special mergeSliceWithSpecialElements(List<JsonNode> original, List<JsonNode> patch,
                                                         String mergeKey) {
        List<JsonNode> plain = new ArrayList<>();
        List<JsonNode> remaining = new ArrayList<>(original);
        boolean replace = false;
        for (JsonNode v : patch) {
            JsonNode directive = v.get(DIRECTIVE);
            if (directive == null) {
                plain.add(v);
            } else if (isString(directive, DELETE)) {
                if (!v.has(mergeKey)) {
                    throw new SmpError(noMergeKey(v, mergeKey));
                }
                deleteMatchingEntries(remaining, mergeKey, v.get(mergeKey));
            } else if (isString(directive, REPLACE)) {
                replace = true;
            } else if (isString(directive, MERGE)) {
                throw new SmpError("merging lists cannot yet be specified in the patch");
            } else {
                throw new SmpError(badPatchType(directive, v));
            }
        }
        return replace ? new Special(plain, List.of()) : new Special(remaining, plain);
    }

    private static void deleteMatchingEntries(List<JsonNode> original, String mergeKey, JsonNode value) {
        int i;
        while ((i = findMapInSlice(original, mergeKey, value)) >= 0) {
            original.remove(i);
        }
    }

    private static List<JsonNode> mergeSliceWithoutSpecialElements(List<JsonNode> original, List<JsonNode> patch,
                                                                   String mergeKey, PatchSchema schema) {
        List<JsonNode> merged = new ArrayList<>(original);
        for (JsonNode v : patch) {
            if (!v.has(mergeKey)) {
                throw new SmpError(noMergeKey(v, mergeKey));
            }
            int i = findMapInSlice(merged, mergeKey, v.get(mergeKey));
            if (i >= 0) {
                merged.set(i, mergeMap((ObjectNode) merged.get(i), (ObjectNode) v, schema));
            } else {
                merged.add(v);
            }
        }
        return merged;
    }

    private static int findMapInSlice(List<JsonNode> list, String key, JsonNode value) {
        for (int k = 0; k < list.size(); k++) {
            JsonNode v = list.get(k);
            if (!v.isObject()) {
                throw new SmpError("value for key " + k + " is not a map");
            }
            if (v.has(key) && Values.goEquals(v.get(key), value)) {
                return k;
            }
        }
        return -1;
    }

    private static List<JsonNode> deleteFromSlice(List<JsonNode> current, List<JsonNode> toDelete) {
        Set<Object> delete = new HashSet<>();
        toDelete.forEach(v -> delete.add(Values.key(v)));
        List<JsonNode> processed = new ArrayList<>();
        for (JsonNode v : current) {
            if (!delete.contains(Values.key(v))) {
                processed.add(v);
            }
        }
        return processed;
    }

    /** Upstream's in-place de-duplication, whose element order later normalization settles. */
    private static List<JsonNode> deduplicateScalars(List<JsonNode> s) {
        List<JsonNode> out = new ArrayList<>(s);
        int length = out.size() - 1;
        for (int i = 0; i < length; i++) {
            for (int j = i + 1; j <= length; j++) {
                if (Values.goEquals(out.get(i), out.get(j))) {
                    out.set(j, out.get(length));
                    out.remove(length);
                    length--;
                    j--;
                }
            }
        }
        return out;
    }

    private record Partition(List<JsonNode> patch, List<JsonNode> serverOnly) {
    }

    private static Partition partitionPrimitives(List<JsonNode> original, List<JsonNode> partitionBy) {
        Set<Object> in = new HashSet<>();
        partitionBy.forEach(v -> in.add(Values.key(v)));
        List<JsonNode> patch = new ArrayList<>();
        List<JsonNode> serverOnly = new ArrayList<>();
        for (JsonNode v : original) {
            (in.contains(Values.key(v)) ? patch : serverOnly).add(v);
        }
        return new Partition(patch, serverOnly);
    }

    private static Partition partitionMaps(List<JsonNode> original, List<JsonNode> partitionBy, String mergeKey) {
        List<JsonNode> patch = new ArrayList<>();
        List<JsonNode> serverOnly = new ArrayList<>();
        for (JsonNode v : original) {
            if (!v.isObject()) {
                throw new SmpError(badArgType("map[string]interface {}", v));
            }
            if (!v.has(mergeKey)) {
                throw new SmpError(noMergeKey(v, mergeKey));
            }
            (findMapInSlice(partitionBy, mergeKey, v.get(mergeKey)) >= 0 ? patch : serverOnly).add(v);
        }
        return new Partition(patch, serverOnly);
    }

    // ---- ordering ----

    private static List<JsonNode> normalizeElementOrder(List<JsonNode> patch, List<JsonNode> serverOnly,
                                                        List<JsonNode> patchOrder, List<JsonNode> serverOrder,
                                                        String mergeKey, Values.Tag kind) {
        List<JsonNode> p = normalizeSliceOrder(patch, patchOrder, mergeKey, kind);
        List<JsonNode> s = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, kind);
        return mergeSortedSlice(s, p, serverOrder, mergeKey, kind);
    }

    private static List<JsonNode> normalizeSliceOrder(List<JsonNode> toSort, List<JsonNode> order, String mergeKey,
                                                      Values.Tag kind) {
        List<JsonNode> sorted = new ArrayList<>(toSort);
        List<JsonNode> toDelete = List.of();
        if (kind == Values.Tag.MAP) {
            validateMergeKeyInLists(mergeKey, toSort, order);
            ToDelete split = extractToDeleteItems(toSort);
            sorted = new ArrayList<>(split.keep);
            toDelete = split.delete;
        }
        // insertion sort: stable, and safe with upstream's "unknown items sort first" comparison
        for (int i = 1; i < sorted.size(); i++) {
            for (int j = i; j > 0 && less(order, sorted.get(j), sorted.get(j - 1), mergeKey, kind); j--) {
                JsonNode tmp = sorted.get(j);
                sorted.set(j, sorted.get(j - 1));
                sorted.set(j - 1, tmp);
            }
        }
        sorted.addAll(toDelete);
        return sorted;
    }

    private static boolean less(List<JsonNode> order, JsonNode a, JsonNode b, String mergeKey, Values.Tag kind) {
        int ia = index(order, a, mergeKey, kind);
        if (ia >= 0) {
            int ib = index(order, b, mergeKey, kind);
            if (ib >= 0) {
                return ia < ib;
            }
        }
        return true;
    }

    /** Merges two lists each sorted by the live order, keeping both lists' relative order. */
    private static List<JsonNode> mergeSortedSlice(List<JsonNode> left, List<JsonNode> right,
                                                   List<JsonNode> serverOrder, String mergeKey, Values.Tag kind) {
        List<JsonNode> s = new ArrayList<>(left.size() + right.size());
        int i = 0;
        int j = 0;
        while (i < left.size() || j < right.size()) {
            if (i >= left.size()) {
                s.add(right.get(j++));
            } else if (j >= right.size()) {
                s.add(left.get(i++));
            } else {
                int li = index(serverOrder, left.get(i), mergeKey, kind);
                int ri = index(serverOrder, right.get(j), mergeKey, kind);
                if (li >= 0 && ri >= 0 && li < ri) {
                    s.add(left.get(i++));
                } else {
                    s.add(right.get(j++));
                }
            }
        }
        return s;
    }

    private static int index(List<JsonNode> list, JsonNode value, String mergeKey, Values.Tag kind) {
        JsonNode wanted = lookupValue(value, mergeKey, kind);
        for (int i = 0; i < list.size(); i++) {
            if (Values.goEquals(wanted, lookupValue(list.get(i), mergeKey, kind))) {
                return i;
            }
        }
        return -1;
    }

    private static JsonNode lookupValue(JsonNode item, String mergeKey, Values.Tag kind) {
        if (kind != Values.Tag.MAP) {
            return item;
        }
        return item.isObject() ? item.get(mergeKey) : null;
    }

    private static void validateMergeKeyInLists(String mergeKey, List<JsonNode> a, List<JsonNode> b) {
        for (List<JsonNode> l : List.of(a, b)) {
            for (JsonNode item : l) {
                if (!item.isObject()) {
                    throw new SmpError(badArgType("map[string]interface {}", item));
                }
                if (!item.has(mergeKey)) {
                    throw new SmpError(noMergeKey(item, mergeKey));
                }
            }
        }
    }

    private record ToDelete(List<JsonNode> keep, List<JsonNode> delete) {
    }

    private static ToDelete extractToDeleteItems(List<JsonNode> l) {
        List<JsonNode> keep = new ArrayList<>();
        List<JsonNode> delete = new ArrayList<>();
        for (JsonNode v : l) {
            if (!v.isObject()) {
                throw new SmpError(badArgType("map[string]interface {}", v));
            }
            (isString(v.get(DIRECTIVE), DELETE) ? delete : keep).add(v);
        }
        return new ToDelete(keep, delete);
    }

    /** The common element type of the lists; lists of lists and mixed lists are errors. */
    private static Values.Tag sliceElementType(List<JsonNode> a, List<JsonNode> b) {
        Values.Tag prev = null;
        for (List<JsonNode> s : List.of(a, b)) {
            for (JsonNode v : s) {
                Values.Tag current = Values.typeTag(v);
                if (prev == null) {
                    prev = current;
                    if (prev == Values.Tag.SLICE) {
                        throw new SmpError(PatchErrors.NO_LIST_OF_LISTS);
                    }
                } else if (prev != current) {
                    throw new SmpError("list element types are not identical: " + GoFormat.slices(List.of(a, b)));
                }
            }
        }
        if (prev == null) {
            throw new SmpError("no elements in any of the given slices");
        }
        return prev;
    }

    // ---- helpers ----

    private record Removed(JsonNode value, boolean keep) {
    }

    /** Drops objects carrying {@code $patch} (anywhere) from a value that is taken as it is. */
    private static Removed removeDirectives(JsonNode obj) {
        if (obj instanceof ObjectNode o) {
            if (o.has(DIRECTIVE)) {
                return new Removed(null, false);
            }
            for (Map.Entry<String, JsonNode> e : entries(o)) {
                Removed r = removeDirectives(e.getValue());
                if (r.keep) {
                    o.set(e.getKey(), r.value);
                } else {
                    o.remove(e.getKey());
                }
            }
            return new Removed(o, true);
        }
        if (obj instanceof ArrayNode a) {
            ArrayNode res = Json.NODES.arrayNode();
            for (JsonNode v : a) {
                Removed r = removeDirectives(v);
                if (r.keep) {
                    res.add(r.value);
                }
            }
            return new Removed(res, true);
        }
        return new Removed(obj, true);
    }

    private static void discardNullValuesFromPatch(JsonNode v) {
        if (v instanceof ObjectNode o) {
            for (Map.Entry<String, JsonNode> e : entries(o)) {
                if (e.getValue().isNull()) {
                    o.remove(e.getKey());
                } else {
                    discardNullValuesFromPatch(e.getValue());
                }
            }
        } else if (v instanceof ArrayNode a) {
            a.forEach(StrategicMergePatch::discardNullValuesFromPatch);
        }
    }

    private static void setOrRemove(ObjectNode o, String k, Removed r) {
        if (r.keep) {
            o.set(k, r.value);
        } else {
            o.remove(k);
        }
    }

    private static String extractKey(String s, String prefix) {
        String[] parts = s.split("/", 2);
        if (parts.length <= 1 || !parts[0].equals(prefix)) {
            throw new SmpError(prefix.equals(DELETE_FROM_PRIMITIVE_LIST) ? PatchErrors.BAD_PRIMITIVE_LIST
                    : PatchErrors.BAD_SET_ELEMENT_ORDER);
        }
        return parts[1];
    }

    /** The non-retainKeys strategy of a field, as upstream's extractRetainKeysPatchStrategy. */
    private static String patchStrategy(PatchMeta meta) {
        List<String> s = meta.strategies();
        return switch (s.size()) {
            case 0 -> "";
            case 1 -> RETAIN_KEYS_STRATEGY.equals(s.get(0)) ? "" : s.get(0);
            case 2 -> {
                if (RETAIN_KEYS_STRATEGY.equals(s.get(0))) {
                    yield s.get(1);
                }
                if (RETAIN_KEYS_STRATEGY.equals(s.get(1))) {
                    yield s.get(0);
                }
                throw new SmpError("unexpected patch strategy: [" + String.join(" ", s) + "]");
            }
            default -> throw new SmpError("unexpected patch strategy: [" + String.join(" ", s) + "]");
        };
    }

    private static boolean isString(JsonNode n, String value) {
        return n != null && n.isTextual() && n.textValue().equals(value);
    }

    private static String noMergeKey(JsonNode map, String key) {
        return "map: " + GoFormat.v(map) + " does not contain declared merge key: " + key;
    }

    private static String badPatchType(JsonNode directive, JsonNode map) {
        return "unknown patch type: " + GoFormat.s(directive) + " in map: " + GoFormat.v(map);
    }

    private static String badArgType(String expected, JsonNode actual) {
        return "expected a " + expected + ", but received a " + GoFormat.typeName(actual);
    }

    private static List<JsonNode> nonNull(List<JsonNode> l) {
        return l == null ? List.of() : l;
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> l = new ArrayList<>(array.size());
        array.forEach(l::add);
        return l;
    }

    private static ArrayNode toArray(List<JsonNode> l) {
        ArrayNode a = Json.NODES.arrayNode(l.size());
        l.forEach(a::add);
        return a;
    }

    private static List<Map.Entry<String, JsonNode>> entries(ObjectNode o) {
        List<Map.Entry<String, JsonNode>> l = new ArrayList<>();
        o.fields().forEachRemaining(l::add);
        return l;
    }
}
