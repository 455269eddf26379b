package io.kubeboot.scheduler.framework;

import java.util.Map;

/**
 * Builds a plugin for one profile from its arguments ({@code pluginConfig[].args} in the scheduler
 * configuration, as a map; empty for defaults) and the profile's {@link Handle}.
 */
@FunctionalInterface
public interface PluginFactory {
    Plugin create(Map<String, Object> args, Handle handle);
}
