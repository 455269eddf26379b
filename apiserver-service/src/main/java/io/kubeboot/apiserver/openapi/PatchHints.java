package io.kubeboot.apiserver.openapi;

import io.kubeboot.api.patch.PatchMetaTable;

import java.util.Optional;

/**
 * Strategic-merge-patch metadata of a model property, published as
 * {@code x-kubernetes-patch-strategy} / {@code x-kubernetes-patch-merge-key}; kubectl apply reads
 * them from OpenAPI v3 to build its patches.
 */
@FunctionalInterface
interface PatchHints {
    /** strategy as upstream writes it ("merge", "retainKeys", "merge,retainKeys"); mergeKey may be null. */
    record Hint(String strategy, String mergeKey) {
    }

    Optional<Hint> of(Class<?> modelClass, String property);

    PatchHints NONE = (modelClass, property) -> Optional.empty();

    /** The struct tags of k8s.io/api, as strategic merge patch applies them on the server. */
    PatchHints BUILTIN = (modelClass, property) -> PatchMetaTable.lookup(modelClass, property)
            .map(meta -> new Hint(meta.strategy().isEmpty() ? null : meta.strategy(),
                    meta.mergeKey().isEmpty() ? null : meta.mergeKey()));
}
