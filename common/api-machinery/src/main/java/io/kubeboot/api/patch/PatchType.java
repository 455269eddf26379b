package io.kubeboot.api.patch;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/** The three patch content types of kube-apiserver (server-side apply is handled elsewhere). */
public enum PatchType {
    JSON_PATCH("application/json-patch+json"),
    MERGE_PATCH("application/merge-patch+json"),
    STRATEGIC_MERGE_PATCH("application/strategic-merge-patch+json");

    private final String mediaType;

    PatchType(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    /** The type of a Content-Type header value (parameters such as charset are ignored). */
    public static Optional<PatchType> fromContentType(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        String base = contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        for (PatchType t : values()) {
            if (t.mediaType.equals(base)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** Applies a decoded patch of this type; {@code modelClass} matters for strategic merge patch only. */
    public JsonNode apply(JsonNode original, JsonNode patch, Class<?> modelClass) {
        return switch (this) {
            case JSON_PATCH -> JsonPatch.apply(original, patch);
            case MERGE_PATCH -> JsonMergePatch.apply(original, patch);
            case STRATEGIC_MERGE_PATCH -> StrategicMergePatch.apply(original, patch, modelClass);
        };
    }
}
