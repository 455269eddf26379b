package io.kubeboot.api.patch;

import io.kubeboot.api.schema.FieldType;
import io.kubeboot.api.schema.ModelSchema;
import io.kubeboot.api.validation.FieldError;

import java.util.Map;

/**
 * Strategic-merge-patch metadata lookup over the model schema, the twin of upstream's
 * {@code PatchMetaFromStruct}: field types come from {@link ModelSchema}, tags from
 * {@link PatchMetaTable}. Lookup failures are {@link StrategicMergePatch.SmpError}s with upstream's
 * texts. Immutable.
 */
final class PatchSchema {
    record Lookup(PatchSchema schema, PatchMeta meta) {
    }

    private final FieldType type;

    PatchSchema(FieldType type) {
        this.type = type;
    }

    static PatchSchema of(Class<?> modelClass) {
        return new PatchSchema(ModelSchema.get().typeOf(modelClass));
    }

    /** The field {@code key} of this struct; JSON names match exactly, else case-insensitively as in Go. */
    Lookup forStruct(String key) {
        if (!isStruct()) {
            throw new StrategicMergePatch.SmpError(
                    "merging an object in json but data type is not struct, instead is: " + goKind(type));
        }
        Map<String, FieldType> properties = ModelSchema.get().properties(type.rawClass());
        String name = properties.containsKey(key) ? key : null;
        if (name == null) {
            for (String candidate : properties.keySet()) {
                if (candidate.equalsIgnoreCase(key)) {
                    name = candidate;
                    break;
                }
            }
        }
        if (name == null) {
            throw new StrategicMergePatch.SmpError("unable to find api field in struct "
                    + type.rawClass().getSimpleName() + " for the json field " + FieldError.quote(key));
        }
        PatchMeta meta = PatchMetaTable.lookup(type.rawClass(), name).orElse(PatchMeta.NONE);
        return new Lookup(new PatchSchema(properties.get(name)), meta);
    }

    /** The element type of the list field {@code key}; an object field stands for Go's pointer case. */
    Lookup forSlice(String key) {
        Lookup field = forStruct(key);
        FieldType t = field.schema().type;
        if (t.isList()) {
            return new Lookup(new PatchSchema(t.element()), field.meta());
        }
        if (t.isObject()) {
            return field;
        }
        throw new StrategicMergePatch.SmpError("expected slice or array type, but got: struct");
    }

    /** Go's reflect.Kind name of this type, as {@code Name()} reports it in errors. */
    String name() {
        return goKind(type);
    }

    private boolean isStruct() {
        return type.isObject() || (type.kind() == FieldType.Kind.ANY && goKind(type).equals("struct"));
    }

    private static String goKind(FieldType t) {
        return switch (t.kind()) {
            case OBJECT, QUANTITY, INT_OR_STRING -> "struct";
            case LIST -> "slice";
            case MAP -> "map";
            case STRING -> "string";
            case INTEGER -> t.rawClass() == Long.class ? "int64" : "int32";
            case NUMBER -> "float64";
            case BOOLEAN -> "bool";
            case ANY -> Map.class.isAssignableFrom(t.rawClass()) ? "map"
                    : (t.rawClass() == Object.class || t.rawClass().isInterface()
                    || com.fasterxml.jackson.databind.JsonNode.class.isAssignableFrom(t.rawClass()))
                    ? "interface" : "struct";
        };
    }
}
