package io.kubeboot.apiserver.openapi;

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
}
