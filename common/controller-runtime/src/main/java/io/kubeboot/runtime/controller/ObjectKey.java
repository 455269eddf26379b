package io.kubeboot.runtime.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.Objects;

/**
 * The usual work-queue key: an object's namespace and name ({@code cache.ObjectName} upstream). Namespace is
 * {@code ""} for cluster-scoped objects. {@link #toString()} is client-go's {@code MetaNamespaceKeyFunc} form:
 * {@code namespace/name}, or {@code name} when cluster-scoped.
 */
public record ObjectKey(String namespace, String name) {

    public ObjectKey {
        namespace = namespace == null ? "" : namespace;
        Objects.requireNonNull(name, "name");
    }

    public static ObjectKey of(HasMetadata object) {
        return new ObjectKey(object.getMetadata().getNamespace(), object.getMetadata().getName());
    }

    /** Parses {@code namespace/name} or {@code name} (client-go's {@code SplitMetaNamespaceKey}). */
    public static ObjectKey parse(String key) {
        String[] parts = key.split("/", -1);
        return switch (parts.length) {
            case 1 -> new ObjectKey("", parts[0]);
            case 2 -> new ObjectKey(parts[0], parts[1]);
            default -> throw new IllegalArgumentException("unexpected key format: \"" + key + "\"");
        };
    }

    @Override
    public String toString() {
        return namespace.isEmpty() ? name : namespace + "/" + name;
    }
}
