package io.kubeboot.controller.deployment;

import io.kubeboot.api.json.Json;

/** Deep copies of API objects (upstream DeepCopy), so cached objects are never mutated. */
final class Copies {
    private Copies() {
    }

    static <T> T of(T obj, Class<T> type) {
        return obj == null ? null : Json.MAPPER.convertValue(obj, type);
    }
}
