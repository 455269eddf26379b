package io.kubeboot.apiserver.openapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubeboot.api.json.Json;

import java.util.Map;
import java.util.function.Supplier;

/**
 * The apimachinery types whose OpenAPI form upstream declares by hand (they have custom JSON
 * marshallers): their schemas as kube-openapi publishes them.
 */
final class SpecialSchemas {
    static final String QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";
    static final String INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
    static final String TIME = "io.k8s.apimachinery.pkg.apis.meta.v1.Time";
    static final String MICRO_TIME = "io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime";
    static final String DURATION = "io.k8s.apimachinery.pkg.apis.meta.v1.Duration";
    static final String FIELDS_V1 = "io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1";
    static final String RAW_EXTENSION = "io.k8s.apimachinery.pkg.runtime.RawExtension";
    static final String PATCH = "io.k8s.apimachinery.pkg.apis.meta.v1.Patch";

    private static final Map<String, Supplier<ObjectNode>> SCHEMAS = Map.of(
            QUANTITY, () -> typed("string", null,
                    "Quantity is a fixed-point representation of a number, e.g. 500m or 128Mi."),
            INT_OR_STRING, () -> typed("string", "int-or-string",
                    "IntOrString is a type that can hold an int32 or a string."),
            TIME, () -> typed("string", "date-time",
                    "Time is a wrapper around time.Time, serialized as RFC 3339."),
            MICRO_TIME, () -> typed("string", "date-time",
                    "MicroTime is version of Time with microsecond level precision."),
            DURATION, () -> typed("string", null, "Duration is a wrapper around time.Duration."),
            FIELDS_V1, () -> typed("object", null,
                    "FieldsV1 stores a set of fields in a data structure like a Trie, in JSON format."),
            RAW_EXTENSION, () -> typed("object", null,
                    "RawExtension is used to hold extensions in external versions."),
            PATCH, () -> typed("object", null,
                    "Patch is provided to give a concrete name and type to the Kubernetes PATCH request body."));

    private SpecialSchemas() {
    }

    static boolean isSpecial(String schemaName) {
        return SCHEMAS.containsKey(schemaName);
    }

    static ObjectNode schema(String schemaName) {
        return SCHEMAS.get(schemaName).get();
    }

    private static ObjectNode typed(String type, String format, String description) {
        ObjectNode node = Json.object();
        node.put("description", description);
        if (format != null) {
            node.put("format", format);
        }
        node.put("type", type);
        return node;
    }
}
