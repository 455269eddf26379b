package io.kubeboot.apiserver.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubeboot.api.errors.ApiErrors;
import io.kubeboot.api.errors.StatusException;
import io.kubeboot.api.json.Json;
import io.kubeboot.api.json.Models;
import io.kubeboot.api.resource.ResourceInfo;
import io.kubeboot.store.Stamped;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * Conversions between JSON trees, fabric8 model objects and the bytes the store keeps.
 *
 * <p>Stored objects carry a per-process random marker as their resourceVersion until the store's
 * write script replaces it with the revision it allocates ({@link Stamped}); the marker never leaves
 * this process, so client content cannot contain it. Thread safe.
 */
public final class ObjectCodec {
    private static final String MARKER = "kbrv" + HexFormat.of().formatHex(SecureRandom.getSeed(16));

    private ObjectCodec() {
    }

    public static <T> T toTyped(ResourceInfo info, JsonNode tree, Class<T> type) {
        try {
            return Models.toModel(tree, type);
        } catch (IllegalArgumentException e) {
            throw ApiErrors.badRequest(info.kind() + " in version \"" + info.version() + "\" cannot be handled as a "
                    + info.kind() + ": " + e.getMessage());
        }
    }

    public static ObjectNode toTree(Object typed) {
        return Models.toTree(typed);
    }

    /** The object as the store should hold it, with the resourceVersion left for the store to fill in. */
    public static Stamped stamp(ObjectNode tree) {
        ObjectNode meta = metadata(tree);
        // always last in metadata, so that equal objects serialize to equal bytes whatever path made them
        meta.remove("resourceVersion");
        meta.put("resourceVersion", MARKER);
        byte[] json = Json.bytes(tree);
        return Stamped.split(json, MARKER);
    }

    public static ObjectNode metadata(ObjectNode tree) {
        JsonNode m = tree.get("metadata");
        if (m instanceof ObjectNode o) {
            return o;
        }
        return tree.putObject("metadata");
    }

    public static ObjectNode parseObject(byte[] json) {
        try {
            JsonNode n = Json.parse(json);
            if (n instanceof ObjectNode o) {
                return o;
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored object is not JSON", e);
        }
        throw new IllegalStateException("stored object is not a JSON object");
    }

    /** RFC 3339 with second precision, as metav1.Time serializes. */
    public static String timestamp(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
    }
}
