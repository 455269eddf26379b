package io.kubeboot.api.protobuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.kubeboot.api.json.Json;

import java.util.Base64;
import java.util.List;

/**
 * Turns a decoded generated.proto message into the JSON that kube-apiserver would produce for the
 * same Go object, driven only by the protobuf descriptors plus {@link GoFieldFacts}:
 * <ul>
 *   <li>message fields present on the wire are emitted (Go structs are never omitted), special
 *       apimachinery types through {@link GoJsonTypes};</li>
 *   <li>a scalar present with its zero value is emitted only when the Go field is a pointer (an
 *       explicit {@code replicas: 0}) or has no {@code omitempty}; Go writes every non-pointer field,
 *       so presence alone would turn every unset string into {@code ""};</li>
 *   <li>empty repeated fields and maps are omitted; maps become objects; bytes become base64;</li>
 *   <li>inline fields ({@code json:",inline"}) are merged into the enclosing object.</li>
 * </ul>
 *
 * <p>Stateless apart from its immutable collaborators; thread safe.
 */
final class ProtoJsonConverter {
    private final GoFieldFacts facts;
    private final GoJsonTypes types;

    ProtoJsonConverter(GoFieldFacts facts, GoJsonTypes types) {
        this.facts = facts;
        this.types = types;
    }

    /** The JSON object of a message; {@code path} (e.g. "spec.template") is only used in errors. */
    ObjectNode object(Message message, String path) {
        ObjectNode out = Json.object();
        for (FieldDescriptor field : message.getDescriptorForType().getFields()) {
            GoFieldFacts.Facts goFacts = facts.of(field);
            String name = facts.jsonName(field);
            String fieldPath = path.isEmpty() ? name : path + "." + name;
            if (field.isRepeated()) {
                int count = message.getRepeatedFieldCount(field);
                if (count > 0) {
                    out.set(name, field.isMapField() ? map(message, field, fieldPath) : array(message, field, fieldPath));
                }
                continue;
            }
            if (!message.hasField(field)) {
                continue;
            }
            Object value = message.getField(field);
            if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
                Message child = (Message) value;
                if (goFacts.inline() && types.render(child, fieldPath) == null && !isNullableSlice(child)) {
                    out.setAll(object(child, fieldPath));
                } else {
                    out.set(name, messageValue(child, fieldPath));
                }
            } else if (!isZero(value) || goFacts.pointer() || goFacts.always()) {
                out.set(name, scalar(field, value));
            }
        }
        return out;
    }

    private JsonNode messageValue(Message message, String path) {
        JsonNode special = types.render(message, path);
        if (special != null) {
            return special;
        }
        if (isNullableSlice(message)) {
            // Go "type ExtraValue []string" becomes a message with one repeated "items" field.
            return array(message, message.getDescriptorForType().getFields().get(0), path);
        }
        return object(message, path);
    }

    private ArrayNode array(Message message, FieldDescriptor field, String path) {
        ArrayNode out = Json.NODES.arrayNode();
        int count = message.getRepeatedFieldCount(field);
        for (int i = 0; i < count; i++) {
            Object item = message.getRepeatedField(field, i);
            String itemPath = path + "[" + i + "]";
            out.add(field.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                    ? messageValue((Message) item, itemPath) : scalar(field, item));
        }
        return out;
    }

    private ObjectNode map(Message message, FieldDescriptor field, String path) {
        ObjectNode out = Json.object();
        Descriptor entryType = field.getMessageType();
        FieldDescriptor keyField = entryType.findFieldByName("key");
        FieldDescriptor valueField = entryType.findFieldByName("value");
        int count = message.getRepeatedFieldCount(field);
        for (int i = 0; i < count; i++) {
            Message entry = (Message) message.getRepeatedField(field, i);
            String key = String.valueOf(entry.getField(keyField));
            Object value = entry.getField(valueField);
            out.set(key, valueField.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                    ? messageValue((Message) value, path + "[" + key + "]") : scalar(valueField, value));
        }
        return out;
    }

    private static JsonNode scalar(FieldDescriptor field, Object value) {
        switch (field.getType()) {
            case STRING:
                return Json.NODES.textNode((String) value);
            case BOOL:
                return Json.NODES.booleanNode((Boolean) value);
            case INT32: case SINT32: case SFIXED32:
                return Json.NODES.numberNode((Integer) value);
            case UINT32: case FIXED32:
                return integer(Integer.toUnsignedLong((Integer) value));
            case INT64: case SINT64: case SFIXED64:
                return integer((Long) value);
            case UINT64: case FIXED64:
                return Json.NODES.numberNode(new java.math.BigInteger(Long.toUnsignedString((Long) value)));
            case DOUBLE:
                return Json.NODES.numberNode((Double) value);
            case FLOAT:
                return Json.NODES.numberNode((Float) value);
            case BYTES:
                return Json.NODES.textNode(Base64.getEncoder().encodeToString(((ByteString) value).toByteArray()));
            case ENUM:
                return Json.NODES.textNode(((com.google.protobuf.Descriptors.EnumValueDescriptor) value).getName());
            default:
                throw new IllegalStateException("not a scalar field: " + field.getFullName());
        }
    }

    /**
     * An int64 as the node Jackson's parser would create for the same JSON text (IntNode when it fits),
     * so that decoded objects compare equal to parsed ones.
     */
    private static JsonNode integer(long value) {
        return value == (int) value ? Json.NODES.numberNode((int) value) : Json.NODES.numberNode(value);
    }

    private static boolean isZero(Object value) {
        if (value instanceof String s) {
            return s.isEmpty();
        }
        if (value instanceof Boolean b) {
            return !b;
        }
        if (value instanceof Number n) {
            return n.doubleValue() == 0;
        }
        if (value instanceof ByteString b) {
            return b.isEmpty();
        }
        return false;
    }

    /** go-to-protobuf's shape for a named slice type: exactly one field, repeated, called "items". */
    private static boolean isNullableSlice(Message message) {
        List<FieldDescriptor> fields = message.getDescriptorForType().getFields();
        return fields.size() == 1 && fields.get(0).isRepeated() && !fields.get(0).isMapField()
                && fields.get(0).getName().equals("items");
    }
}
