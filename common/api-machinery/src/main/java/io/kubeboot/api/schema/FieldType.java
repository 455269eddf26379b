package io.kubeboot.api.schema;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The JSON shape of one property of a fabric8 model class, as the Kubernetes API sees it.
 *
 * <p>{@code element} is the element type of a {@link Kind#LIST} and the value type of a
 * {@link Kind#MAP}; it is null for every other kind. {@code rawClass} is the Java class behind
 * the property: the model class for {@link Kind#OBJECT}, {@code List.class}/{@code Map.class} for
 * containers, the boxed scalar class otherwise. Immutable.
 */
public record FieldType(Kind kind, Class<?> rawClass, FieldType element) {

    public enum Kind {
        /** A fabric8 model POJO with declared properties; look them up with {@link ModelSchema#properties}. */
        OBJECT,
        LIST,
        /** An object with arbitrary string keys and values of {@code element} type (labels, resources.limits). */
        MAP,
        /** Strings, and what Kubernetes encodes as strings: byte[] (base64), timestamps, enums. */
        STRING,
        INTEGER,
        NUMBER,
        BOOLEAN,
        /** resource.Quantity: a string or a number on input. */
        QUANTITY,
        /** intstr.IntOrString. */
        INT_OR_STRING,
        /** Free-form JSON whose content the API does not check (RawExtension, FieldsV1, Object, JsonNode). */
        ANY
    }

    public FieldType {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(rawClass, "rawClass");
        if ((kind == Kind.LIST || kind == Kind.MAP) != (element != null)) {
            throw new IllegalArgumentException("element is required for LIST and MAP only, got " + kind);
        }
    }

    public static FieldType scalar(Kind kind, Class<?> rawClass) {
        return new FieldType(kind, rawClass, null);
    }

    public static FieldType object(Class<?> modelClass) {
        return new FieldType(Kind.OBJECT, modelClass, null);
    }

    public static FieldType listOf(FieldType element) {
        return new FieldType(Kind.LIST, List.class, element);
    }

    public static FieldType mapOf(FieldType value) {
        return new FieldType(Kind.MAP, Map.class, value);
    }

    public static FieldType any(Class<?> rawClass) {
        return new FieldType(Kind.ANY, rawClass, null);
    }

    public boolean isObject() {
        return kind == Kind.OBJECT;
    }

    public boolean isList() {
        return kind == Kind.LIST;
    }

    public boolean isMap() {
        return kind == Kind.MAP;
    }

    /** True for every kind that holds no nested JSON fields of its own. */
    public boolean isScalar() {
        return switch (kind) {
            case STRING, INTEGER, NUMBER, BOOLEAN, QUANTITY, INT_OR_STRING -> true;
            default -> false;
        };
    }

    @Override
    public String toString() {
        return switch (kind) {
            case OBJECT -> "OBJECT(" + rawClass.getSimpleName() + ")";
            case LIST -> "LIST<" + element + ">";
            case MAP -> "MAP<" + element + ">";
            default -> kind.name();
        };
    }
}
