package io.kubeboot.scheduler.framework.runtime;

import io.kubeboot.scheduler.framework.PluginFactory;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Plugin names to factories, as upstream's {@code runtime.Registry}. Immutable once built; profiles pick
 * plugins from it by name.
 */
public final class PluginRegistry {
    private final Map<String, PluginFactory> factories;

    private PluginRegistry(Map<String, PluginFactory> factories) {
        this.factories = Collections.unmodifiableMap(new LinkedHashMap<>(factories));
    }

    public static Builder builder() {
        return new Builder();
    }

    public PluginFactory get(String name) {
        return factories.get(name);
    }

    public Set<String> names() {
        return factories.keySet();
    }

    /** Collects factories; a name registered twice is a programming error. */
    public static final class Builder {
        private final Map<String, PluginFactory> factories = new LinkedHashMap<>();

        public Builder register(String name, PluginFactory factory) {
            if (factories.putIfAbsent(name, factory) != null) {
                throw new IllegalArgumentException("a plugin named " + name + " already exists");
            }
            return this;
        }

        public PluginRegistry build() {
            return new PluginRegistry(factories);
        }
    }
}
