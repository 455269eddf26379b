package io.kubeboot.apiserver.openapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.runtime.RawExtension;
import io.kubeboot.api.json.Json;
import io.kubeboot.api.schema.FieldType;
import io.kubeboot.api.schema.ModelSchema;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes OpenAPI v3 component schemas for fabric8 model classes: one object schema per class,
 * named as upstream ({@link SchemaNames}), properties in sorted order (as kube-openapi emits
 * them), nested types as {@code $ref}s to their own schemas, strategic-merge-patch metadata as
 * {@code x-kubernetes-patch-*} extensions. Descriptions are left out; clients treat them as optional.
 *
 * <p>Stateless; thread safe.
 */
final class SchemaBuilder {
    static final String REF_PREFIX = "#/components/schemas/";

    /** Go types fabric8 models as plain strings, recovered from the upstream type catalogue. */
    private static final Set<String> STRING_LIKE_SCHEMAS =
            Set.of(SpecialSchemas.TIME, SpecialSchemas.MICRO_TIME, SpecialSchemas.DURATION);

    private final ModelSchema model;
    private final SchemaNames names;
    private final UpstreamTypes upstream;
    private final PatchHints patchHints;

    SchemaBuilder(ModelSchema model, SchemaNames names, UpstreamTypes upstream, PatchHints patchHints) {
        this.model = model;
        this.names = names;
        this.upstream = upstream;
        this.patchHints = patchHints;
    }

    /** Adds the schema of {@code modelClass}, and of every type it references, to {@code schemas}; returns its name. */
    String add(Class<?> modelClass, Map<String, ObjectNode> schemas) {
        String name = names.of(modelClass);
        if (SpecialSchemas.isSpecial(name)) {
            return special(name, schemas);
        }
        if (schemas.containsKey(name)) {
            return name;
        }
        ObjectNode schema = Json.object();
        // Registered before recursing so that recursive types terminate.
        schemas.put(name, schema);
        Map<String, FieldType> properties = model.properties(modelClass);
        ObjectNode out = Json.object();
        for (String property : new TreeSet<>(properties.keySet())) {
            out.set(property, property(name, modelClass, property, properties.get(property), schemas));
        }
        if (!out.isEmpty()) {
            schema.set("properties", out);
        }
        schema.put("type", "object");
        return name;
    }

    /** Adds a hand-declared apimachinery schema; returns its name. */
    static String special(String name, Map<String, ObjectNode> schemas) {
        schemas.computeIfAbsent(name, SpecialSchemas::schema);
        return name;
    }

    static ObjectNode ref(String schemaName) {
        ObjectNode node = Json.object();
        node.put("$ref", REF_PREFIX + schemaName);
        return node;
    }

    private ObjectNode property(String owner, Class<?> ownerClass, String property, FieldType type,
                                Map<String, ObjectNode> schemas) {
        ObjectNode schema;
        Optional<String> upstreamType = upstream.fieldSchema(owner, property);
        if (type.kind() == FieldType.Kind.STRING && upstreamType.filter(STRING_LIKE_SCHEMAS::contains).isPresent()) {
            schema = ref(special(upstreamType.get(), schemas));
        } else {
            schema = value(type, schemas);
            if (upstream.isBytes(owner, property)) {
                ObjectNode string = type.kind() == FieldType.Kind.MAP ? (ObjectNode) schema.get("additionalProperties")
                        : schema;
                if (string.path("type").asText().equals("string")) {
                    string.put("format", "byte");
                }
            }
        }
        patchHints.of(ownerClass, property).ifPresent(hint -> {
            if (hint.mergeKey() != null) {
                schema.put("x-kubernetes-patch-merge-key", hint.mergeKey());
            }
            if (hint.strategy() != null) {
                schema.put("x-kubernetes-patch-strategy", hint.strategy());
            }
        });
        return schema;
    }

    private ObjectNode value(FieldType type, Map<String, ObjectNode> schemas) {
        return switch (type.kind()) {
            case OBJECT -> ref(add(type.rawClass(), schemas));
            case LIST -> {
                ObjectNode node = Json.object();
                node.set("items", value(type.element(), schemas));
                node.put("type", "array");
                yield node;
            }
            case MAP -> {
                ObjectNode node = Json.object();
                node.set("additionalProperties", value(type.element(), schemas));
                node.put("type", "object");
                yield node;
            }
            case STRING -> {
                if (type.rawClass() == MicroTime.class) {
                    yield ref(special(SpecialSchemas.MICRO_TIME, schemas));
                }
                yield type.rawClass() == byte[].class ? typed("string", "byte") : typed("string", null);
            }
            case INTEGER -> typed("integer", type.rawClass() == Long.class ? "int64"
                    : type.rawClass() == Integer.class ? "int32" : null);
            case NUMBER -> typed("number", "double");
            case BOOLEAN -> typed("boolean", null);
            case QUANTITY -> ref(special(SpecialSchemas.QUANTITY, schemas));
            case INT_OR_STRING -> ref(special(SpecialSchemas.INT_OR_STRING, schemas));
            case ANY -> {
                if (RawExtension.class.isAssignableFrom(type.rawClass())) {
                    yield ref(special(SpecialSchemas.RAW_EXTENSION, schemas));
                }
                if (FieldsV1.class.isAssignableFrom(type.rawClass())) {
                    yield ref(special(SpecialSchemas.FIELDS_V1, schemas));
                }
                yield typed("object", null);
            }
        };
    }

    private static ObjectNode typed(String type, String format) {
        ObjectNode node = Json.object();
        if (format != null) {
            node.put("format", format);
        }
        node.put("type", type);
        return node;
    }
}
