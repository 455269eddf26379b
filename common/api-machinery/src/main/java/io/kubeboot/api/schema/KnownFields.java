package io.kubeboot.api.schema;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubeboot.api.json.Json;
import io.kubeboot.api.validation.FieldError;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Unknown- and duplicate-field detection as kube-apiserver's strict JSON decoder
 * (sigs.k8s.io/json {@code UnmarshalStrict}) performs it for {@code fieldValidation=Strict|Warn}.
 *
 * <p>Paths are written as that decoder writes them: object keys joined with {@code .}, list
 * indexes as {@code [i]}, map keys appended verbatim ({@code metadata.labels.app}); a field at
 * the root is its bare name. Free-form values ({@link FieldType.Kind#ANY}, quantities,
 * int-or-strings) are not looked into, as their Go types decode themselves. Like upstream, at most
 * {@value #MAX_ERRORS} distinct errors are reported.
 *
 * <p>Stateless and thread safe.
 */
public final class KnownFields {
    /** Upstream stops collecting strict errors after this many. */
    public static final int MAX_ERRORS = 100;

    private KnownFields() {
    }

    /**
     * Removes, in place, every field that {@code type} does not declare (recursing through
     * objects, lists and maps) and returns the removed fields' paths in document order.
     */
    public static List<String> prune(ObjectNode tree, Class<?> type) {
        Set<String> found = new LinkedHashSet<>();
        pruneValue(tree, ModelSchema.get().typeOf(type), new StringBuilder(), found);
        return List.copyOf(found);
    }

    /** {@code unknown field "spec.foo"}: one strict error, also the text of a Warn-mode warning. */
    public static String unknownFieldMessage(String path) {
        return "unknown field " + FieldError.quote(path);
    }

    /** {@code duplicate field "spec.replicas"}. */
    public static String duplicateFieldMessage(String path) {
        return "duplicate field " + FieldError.quote(path);
    }

    /**
     * The error text of a strict decode that found unknown fields:
     * {@code strict decoding error: unknown field "spec.foo", unknown field "spec.bar"}.
     */
    public static String strictDecodingMessage(List<String> unknownPaths) {
        return joinStrictErrors(unknownPaths.stream().map(KnownFields::unknownFieldMessage).toList());
    }

    /** {@code strict decoding error: } followed by the given error texts, comma separated. */
    public static String joinStrictErrors(List<String> errors) {
        return "strict decoding error: " + String.join(", ", errors);
    }

    /**
     * Every strict error of a JSON document, in the order the upstream decoder meets them:
     * {@code unknown field "..."} and {@code duplicate field "..."} texts. Duplicates can only be
     * seen here, on the raw bytes, because a parsed tree keeps just the last value of a key.
     *
     * @throws IOException when the bytes are not well-formed JSON
     */
    public static List<String> strictErrors(byte[] json, Class<?> type) throws IOException {
        Set<String> errors = new LinkedHashSet<>();
        try (JsonParser parser = Json.MAPPER.createParser(json)) {
            if (parser.nextToken() != null) {
                scanValue(parser, ModelSchema.get().typeOf(type), new StringBuilder(), errors);
            }
        }
        return List.copyOf(errors);
    }

    private static void pruneValue(JsonNode node, FieldType type, StringBuilder path, Set<String> found) {
        switch (type.kind()) {
            case OBJECT -> {
                if (!(node instanceof ObjectNode object)) {
                    return;
                }
                Map<String, FieldType> properties = ModelSchema.get().properties(type.rawClass());
                Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    FieldType fieldType = properties.get(field.getKey());
                    int mark = path.length();
                    appendKey(path, field.getKey());
                    if (fieldType == null) {
                        fields.remove();
                        if (found.size() < MAX_ERRORS) {
                            found.add(path.toString());
                        }
                    } else {
                        pruneValue(field.getValue(), fieldType, path, found);
                    }
                    path.setLength(mark);
                }
            }
            case MAP -> {
                if (!(node instanceof ObjectNode object) || type.element().isScalar()) {
                    return;
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    int mark = path.length();
                    appendKey(path, entry.getKey());
                    pruneValue(entry.getValue(), type.element(), path, found);
                    path.setLength(mark);
                }
            }
            case LIST -> {
                if (!(node instanceof ArrayNode array) || type.element().isScalar()) {
                    return;
                }
                for (int i = 0; i < array.size(); i++) {
                    int mark = path.length();
                    path.append('[').append(i).append(']');
                    pruneValue(array.get(i), type.element(), path, found);
                    path.setLength(mark);
                }
            }
            default -> {
                // scalars and free-form values hold no declared fields
            }
        }
    }

    private static void scanValue(JsonParser p, FieldType type, StringBuilder path, Set<String> errors)
            throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.START_OBJECT && (type.isObject() || type.isMap())) {
            Map<String, FieldType> properties = type.isObject()
                    ? ModelSchema.get().properties(type.rawClass()) : Map.of();
            Set<String> seen = new HashSet<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                FieldType fieldType = type.isObject() ? properties.get(name) : type.element();
                int mark = path.length();
                appendKey(path, name);
                p.nextToken();
                if (fieldType == null) {
                    add(errors, unknownFieldMessage(path.toString()));
                    p.skipChildren();
                } else {
                    if (!seen.add(name)) {
                        add(errors, duplicateFieldMessage(path.toString()));
                    }
                    scanValue(p, fieldType, path, errors);
                }
                path.setLength(mark);
            }
        } else if (token == JsonToken.START_ARRAY && type.isList()) {
            int i = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                int mark = path.length();
                path.append('[').append(i++).append(']');
                scanValue(p, type.element(), path, errors);
                path.setLength(mark);
            }
        } else {
            p.skipChildren();
        }
    }

    private static void add(Set<String> errors, String error) {
        if (errors.size() < MAX_ERRORS) {
            errors.add(error);
        }
    }

    private static void appendKey(StringBuilder path, String key) {
        if (!path.isEmpty()) {
            path.append('.');
        }
        path.append(key);
    }
}
