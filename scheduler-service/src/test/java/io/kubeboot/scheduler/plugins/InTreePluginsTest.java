package io.kubeboot.scheduler.plugins;

import io.kubeboot.scheduler.framework.Plugin;
import io.kubeboot.scheduler.framework.Snapshot;
import io.kubeboot.scheduler.framework.runtime.Framework;
import io.kubeboot.scheduler.framework.runtime.Parallelizer;
import io.kubeboot.scheduler.framework.runtime.PluginRegistry;
import io.kubeboot.scheduler.framework.runtime.ProfileConfig;
import io.kubeboot.scheduler.plugins.podtopologyspread.DefaultSelectors;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The in-tree registry and the default profile, after upstream apis/config/v1/default_plugins_test.go. */
class InTreePluginsTest {
    private static final List<String> DEFAULT_ORDER = List.of("NodeUnschedulable", "NodeName", "TaintToleration",
            "NodeAffinity", "NodePorts", "NodeResourcesFit", "PodTopologySpread", "InterPodAffinity", "DefaultPreemption",
            "NodeResourcesBalancedAllocation", "ImageLocality", "DefaultBinder");

    @Test
    void theDefaultPluginsAreUpstreamsInOrderWithTheirWeights() {
        Map<String, Integer> weights = new LinkedHashMap<>();
        InTreePlugins.defaultPlugins().forEach(s -> weights.put(s.name(), s.weight()));
        assertThat(weights.keySet()).containsExactlyElementsOf(DEFAULT_ORDER);
        assertThat(weights).containsEntry("TaintToleration", 3).containsEntry("NodeAffinity", 2)
                .containsEntry("PodTopologySpread", 2).containsEntry("InterPodAffinity", 2);
        // weight 0 means the default of 1 for score plugins
        for (String w1 : List.of("NodeResourcesFit", "NodeResourcesBalancedAllocation", "ImageLocality")) {
            assertThat(weights.get(w1)).as(w1).isIn(0, 1);
        }
    }

    @Test
    void everyDefaultPluginIsRegisteredAndNamedAsRegistered() {
        PluginRegistry registry = InTreePlugins.registry(DefaultSelectors.NONE);
        assertThat(registry.names()).containsAll(DEFAULT_ORDER);
        try (Parallelizer parallelizer = new Parallelizer(1)) {
            Framework f = defaultFramework(registry, parallelizer);
            assertThat(f.plugins()).extracting(Plugin::name).containsExactlyElementsOf(DEFAULT_ORDER);
        }
    }

    @Test
    void theDefaultProfileBuildsWithUpstreamScoreWeights() {
        try (Parallelizer parallelizer = new Parallelizer(1)) {
            Framework f = defaultFramework(InTreePlugins.registry(DefaultSelectors.NONE), parallelizer);
            assertThat(f.hasFilterPlugins()).isTrue();
            assertThat(f.hasScorePlugins()).isTrue();
            assertThat(f.hasPostFilterPlugins()).isTrue();

            // the plugins that built as Score plugins, with the weight the framework applies (0 means 1)
            Map<String, Integer> effective = new LinkedHashMap<>();
            for (ProfileConfig.PluginSpec s : InTreePlugins.defaultPlugins()) {
                boolean scores = f.plugins().stream().anyMatch(p -> p.name().equals(s.name())
                        && p instanceof io.kubeboot.scheduler.framework.ScorePlugin);
                if (scores) {
                    effective.put(s.name(), s.weight() <= 0 ? 1 : s.weight());
                }
            }
            assertThat(effective).containsExactly(
                    Map.entry("TaintToleration", 3),
                    Map.entry("NodeAffinity", 2),
                    Map.entry("NodeResourcesFit", 1),
                    Map.entry("PodTopologySpread", 2),
                    Map.entry("InterPodAffinity", 2),
                    Map.entry("NodeResourcesBalancedAllocation", 1),
                    Map.entry("ImageLocality", 1));
        }
    }

    @Test
    void rejectingDefaultPluginsRegisterTheirOwnEvents() {
        try (Parallelizer parallelizer = new Parallelizer(1)) {
            Framework f = defaultFramework(InTreePlugins.registry(DefaultSelectors.NONE), parallelizer);
            assertThat(f.eventsToRegister()).containsOnlyKeys("NodeUnschedulable", "NodeName", "TaintToleration",
                    "NodeAffinity", "NodePorts", "NodeResourcesFit", "PodTopologySpread", "InterPodAffinity");
            f.eventsToRegister().forEach((plugin, events) -> assertThat(events).as(plugin).isNotEmpty()
                    .noneMatch(e -> e.resource() == io.kubeboot.scheduler.framework.ClusterEvent.Resource.WILDCARD));
        }
    }

    private static Framework defaultFramework(PluginRegistry registry, Parallelizer parallelizer) {
        ProfileConfig profile = new ProfileConfig("default-scheduler", InTreePlugins.defaultPlugins(), Map.of(), 0);
        return new Framework(profile, registry, new Framework.Services(Snapshot::of, node -> List.of(), null, parallelizer));
    }
}
