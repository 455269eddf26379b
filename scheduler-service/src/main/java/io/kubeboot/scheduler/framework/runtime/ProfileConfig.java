package io.kubeboot.scheduler.framework.runtime;

import java.util.List;
import java.util.Map;

/**
 * One scheduling profile, as a {@code KubeSchedulerProfile} with multi-point plugins: the scheduler name
 * it serves, its plugins in order with their score weights, and the plugins' arguments. A plugin takes
 * part in every extension point it implements, in the listed order.
 *
 * @param plugins   enabled plugins in order
 * @param pluginArgs arguments by plugin name (missing = defaults)
 * @param percentageOfNodesToScore 0 for the adaptive default, else 1..100
 */
public record ProfileConfig(String schedulerName, List<PluginSpec> plugins, Map<String, Map<String, Object>> pluginArgs,
                            int percentageOfNodesToScore) {

    /** A plugin and its Score weight (ignored for plugins without Score; 0 means 1, as upstream defaults it). */
    public record PluginSpec(String name, int weight) {
    }

    public ProfileConfig {
        plugins = List.copyOf(plugins);
        pluginArgs = Map.copyOf(pluginArgs);
    }
}
