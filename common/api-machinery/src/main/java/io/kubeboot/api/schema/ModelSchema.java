package io.kubeboot.api.schema;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.fabric8.kubernetes.api.model.AnyType;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.Quantity;
import io.kubeboot.api.json.Json;

import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.Temporal;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The JSON schema of the fabric8 model classes, read from Jackson's own bean introspection of
 * {@link Json#MAPPER} so that it names exactly the properties the mapper reads and writes.
 * It is the shared basis of unknown-field detection, strategic merge patch and OpenAPI output.
 *
 * <p>Thread safe: introspection results are computed once per class and cached in concurrent
 * maps; the returned maps are unmodifiable.
 */
public final class ModelSchema {
    private static final ModelSchema INSTANCE = new ModelSchema(Json.MAPPER);

    private final SerializationConfig config;
    private final ConcurrentMap<Class<?>, List<BeanPropertyDefinition>> beanProperties = new ConcurrentHashMap<>();
    private final ConcurrentMap<Class<?>, Map<String, FieldType>> properties = new ConcurrentHashMap<>();

    ModelSchema(ObjectMapper mapper) {
        this.config = mapper.getSerializationConfig();
    }

    /** The schema of the model classes as {@link Json#MAPPER} sees them. */
    public static ModelSchema get() {
        return INSTANCE;
    }

    /**
     * The JSON properties of a model class in the order the mapper writes them, without the
     * {@code additionalProperties} any-getter. Empty for anything that is not an
     * {@link FieldType.Kind#OBJECT}.
     */
    public Map<String, FieldType> properties(Class<?> type) {
        if (typeOf(type).kind() != FieldType.Kind.OBJECT) {
            return Map.of();
        }
        Map<String, FieldType> cached = properties.get(type);
        if (cached != null) {
            return cached;
        }
        // Built outside computeIfAbsent: classifying property types reads the bean cache, and a
        // recursive update of one ConcurrentHashMap is not allowed. A racing duplicate is harmless.
        Map<String, FieldType> built = new LinkedHashMap<>();
        for (BeanPropertyDefinition p : beanProperties(type)) {
            built.put(p.getName(), classify(p.getPrimaryType()));
        }
        Map<String, FieldType> result = Collections.unmodifiableMap(built);
        Map<String, FieldType> raced = properties.putIfAbsent(type, result);
        return raced != null ? raced : result;
    }

    public Optional<FieldType> property(Class<?> type, String jsonName) {
        return Optional.ofNullable(properties(type).get(jsonName));
    }

    /** The shape of a value of this class, e.g. the root of a request body. */
    public FieldType typeOf(Class<?> type) {
        return classify(config.constructType(type));
    }

    /** The shape of a value of this (possibly generic) Jackson type. */
    public FieldType classify(JavaType type) {
        Class<?> raw = type.getRawClass();
        if (type.isArrayType()) {
            if (raw == byte[].class) {
                return FieldType.scalar(FieldType.Kind.STRING, byte[].class);
            }
            return FieldType.listOf(classify(type.getContentType()));
        }
        if (type.isCollectionLikeType()) {
            return FieldType.listOf(classify(type.getContentType()));
        }
        if (type.isMapLikeType()) {
            JavaType value = type.getContentType();
            if (value == null || value.getRawClass() == Object.class) {
                return FieldType.any(raw);
            }
            return FieldType.mapOf(classify(value));
        }
        FieldType scalar = scalar(raw);
        if (scalar != null) {
            return scalar;
        }
        if (isOpaque(raw)) {
            return FieldType.any(raw);
        }
        return beanProperties(raw).isEmpty() ? FieldType.any(raw) : FieldType.object(raw);
    }

    private static FieldType scalar(Class<?> raw) {
        if (raw == String.class || raw == Character.class || raw == char.class || raw.isEnum()
                || raw == UUID.class || Date.class.isAssignableFrom(raw) || Temporal.class.isAssignableFrom(raw)
                || raw == MicroTime.class) {
            return FieldType.scalar(FieldType.Kind.STRING, raw);
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return FieldType.scalar(FieldType.Kind.BOOLEAN, Boolean.class);
        }
        if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class
                || raw == Short.class || raw == short.class || raw == Byte.class || raw == byte.class
                || raw == BigInteger.class) {
            return FieldType.scalar(FieldType.Kind.INTEGER, raw.isPrimitive() ? box(raw) : raw);
        }
        if (raw == Double.class || raw == double.class || raw == Float.class || raw == float.class
                || raw == BigDecimal.class || raw == Number.class) {
            return FieldType.scalar(FieldType.Kind.NUMBER, raw.isPrimitive() ? box(raw) : raw);
        }
        if (raw == Quantity.class) {
            return FieldType.scalar(FieldType.Kind.QUANTITY, Quantity.class);
        }
        if (raw == IntOrString.class) {
            return FieldType.scalar(FieldType.Kind.INT_OR_STRING, IntOrString.class);
        }
        return null;
    }

    /** Types whose JSON content the model does not describe with properties. */
    private static boolean isOpaque(Class<?> raw) {
        if (raw == Object.class || JsonNode.class.isAssignableFrom(raw) || AnyType.class.isAssignableFrom(raw)
                || raw.isInterface() || Modifier.isAbstract(raw.getModifiers()) || raw.isPrimitive()) {
            return true;
        }
        JsonDeserialize custom = raw.getAnnotation(JsonDeserialize.class);
        return custom != null && custom.using() != JsonDeserializer.None.class;
    }

    private static Class<?> box(Class<?> primitive) {
        return switch (primitive.getName()) {
            case "int" -> Integer.class;
            case "long" -> Long.class;
            case "short" -> Short.class;
            case "byte" -> Byte.class;
            case "double" -> Double.class;
            default -> Float.class;
        };
    }

    private List<BeanPropertyDefinition> beanProperties(Class<?> type) {
        return beanProperties.computeIfAbsent(type, t -> {
            BeanDescription description = config.introspect(config.constructType(t));
            return description.findProperties().stream()
                    .filter(p -> p.couldSerialize() || p.couldDeserialize())
                    .filter(p -> !p.getName().equals("additionalProperties"))
                    .toList();
        });
    }
}
