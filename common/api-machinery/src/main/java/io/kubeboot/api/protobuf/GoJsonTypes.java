package io.kubeboot.api.protobuf;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.kubeboot.api.errors.ApiErrors;
import io.kubeboot.api.json.Json;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;

/**
 * The apimachinery types whose Go JSON form is not their struct shape: they have custom JSON
 * marshallers upstream, and their JSON here is what those produce.
 * <ul>
 *   <li>{@code intstr.IntOrString}: a number or a string;</li>
 *   <li>{@code resource.Quantity}: its canonical string;</li>
 *   <li>{@code meta.v1.Time}: RFC 3339 in UTC with whole seconds, {@code null} for the zero time;</li>
 *   <li>{@code meta.v1.MicroTime}: the same with six fraction digits;</li>
 *   <li>{@code meta.v1.Duration}: Go's duration string ("1h0m0s");</li>
 *   <li>{@code runtime.RawExtension} and {@code meta.v1.FieldsV1}: the embedded JSON.</li>
 * </ul>
 *
 * <p>Thread safe.
 */
final class GoJsonTypes {
    static final String INT_OR_STRING = "k8s.io.apimachinery.pkg.util.intstr.IntOrString";
    static final String QUANTITY = "k8s.io.apimachinery.pkg.api.resource.Quantity";
    static final String TIME = "k8s.io.apimachinery.pkg.apis.meta.v1.Time";
    static final String MICRO_TIME = "k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime";
    static final String DURATION = "k8s.io.apimachinery.pkg.apis.meta.v1.Duration";
    static final String FIELDS_V1 = "k8s.io.apimachinery.pkg.apis.meta.v1.FieldsV1";
    static final String RAW_EXTENSION = "k8s.io.apimachinery.pkg.runtime.RawExtension";

    private static final DateTimeFormatter RFC3339 =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter RFC3339_MICRO =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    /** Decodes an embedded object that is itself in the protobuf envelope. */
    private final Function<byte[], JsonNode> embeddedProtobuf;

    GoJsonTypes(Function<byte[], JsonNode> embeddedProtobuf) {
        this.embeddedProtobuf = embeddedProtobuf;
    }

    /** The JSON of a special type, or null when {@code message} is an ordinary struct. */
    JsonNode render(Message message, String path) {
        switch (message.getDescriptorForType().getFullName()) {
            case INT_OR_STRING:
                return intOrString(message);
            case QUANTITY: {
                String value = (String) get(message, "string");
                // A zero Quantity marshals as "0" in Go.
                return Json.NODES.textNode(value == null || value.isEmpty() ? "0" : value);
            }
            case TIME:
                return time(message, RFC3339);
            case MICRO_TIME:
                return time(message, RFC3339_MICRO);
            case DURATION: {
                Long nanos = (Long) get(message, "duration");
                return Json.NODES.textNode(GoDuration.format(nanos == null ? 0 : nanos));
            }
            case RAW_EXTENSION:
                return embedded((ByteString) get(message, "raw"), path, true);
            case FIELDS_V1:
                return embedded((ByteString) get(message, "Raw"), path, false);
            default:
                return null;
        }
    }

    private static JsonNode intOrString(Message message) {
        Long type = (Long) get(message, "type");
        if (type != null && type == 1) {
            String value = (String) get(message, "strVal");
            return Json.NODES.textNode(value == null ? "" : value);
        }
        Integer value = (Integer) get(message, "intVal");
        return Json.NODES.numberNode(value == null ? 0 : value);
    }

    /** Go writes the zero time as an empty message, and its JSON is null. */
    private static JsonNode time(Message message, DateTimeFormatter format) {
        Long seconds = (Long) get(message, "seconds");
        Integer nanos = (Integer) get(message, "nanos");
        if (seconds == null && nanos == null) {
            return Json.NODES.nullNode();
        }
        Instant instant = Instant.ofEpochSecond(seconds == null ? 0 : seconds, nanos == null ? 0 : nanos);
        return Json.NODES.textNode(format.format(instant));
    }

    private JsonNode embedded(ByteString raw, String path, boolean allowProtobuf) {
        if (raw == null || raw.isEmpty()) {
            return Json.NODES.nullNode();
        }
        byte[] bytes = raw.toByteArray();
        if (allowProtobuf && ProtobufDecoder.hasMagic(bytes)) {
            return embeddedProtobuf.apply(bytes);
        }
        try {
            JsonNode node = Json.parse(bytes);
            if (node == null || node.isMissingNode()) {
                throw ApiErrors.badRequest("invalid JSON in " + path + ": no content");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw ApiErrors.badRequest("invalid JSON in " + path + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiErrors.badRequest("invalid JSON in " + path + ": " + e.getMessage());
        }
    }

    /** The field's value when present, else null (proto2 presence). */
    private static Object get(Message message, String fieldName) {
        FieldDescriptor field = message.getDescriptorForType().findFieldByName(fieldName);
        return field != null && message.hasField(field) ? message.getField(field) : null;
    }
}
