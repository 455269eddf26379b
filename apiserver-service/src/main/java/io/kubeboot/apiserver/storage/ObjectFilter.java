package io.kubeboot.apiserver.storage;

import io.kubeboot.api.selector.FieldSelector;
import io.kubeboot.api.selector.LabelSelector;

/**
 * What a list or watch asks for: a namespace (null for all) and label and field selectors.
 * Immutable and thread safe.
 */
public record ObjectFilter(String namespace, LabelSelector labels, FieldSelector fields) {

    public boolean matches(CachedObject o) {
        if (namespace != null && !namespace.equals(o.namespace())) {
            return false;
        }
        if (labels != null && !labels.isEmpty() && !labels.matches(o.labels())) {
            return false;
        }
        return fields == null || fields.matches(f -> fieldValue(o, f));
    }

    static String fieldValue(CachedObject o, String field) {
        return switch (field) {
            case "metadata.name" -> o.name();
            case "metadata.namespace" -> o.namespace() == null ? "" : o.namespace();
            default -> o.fields().getOrDefault(field, "");
        };
    }
}
