package io.kubeboot.apiserver.registry;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubeboot.api.resource.ResourceInfo;
import io.kubeboot.api.validation.FieldErrors;

/**
 * The strategy of a type with no type-specific rules: ObjectMeta validation only (done by the
 * registry). Used until a type gets its own strategy.
 */
final class DefaultStrategy<T extends HasMetadata> implements Strategy<T> {
    private final ResourceInfo info;
    private final Class<T> type;

    DefaultStrategy(ResourceInfo info, Class<T> type) {
        this.info = info;
        this.type = type;
    }

    @Override
    public ResourceInfo info() {
        return info;
    }

    @Override
    public Class<T> type() {
        return type;
    }

    @Override
    public FieldErrors validate(T obj) {
        return new FieldErrors();
    }

    @Override
    public FieldErrors validateUpdate(T obj, T old) {
        return new FieldErrors();
    }
}
