package io.kubeboot.scheduler.plugins;

import io.kubeboot.scheduler.framework.runtime.PluginRegistry;
import io.kubeboot.scheduler.framework.runtime.ProfileConfig;
import io.kubeboot.scheduler.plugins.defaultbinder.DefaultBinder;
import io.kubeboot.scheduler.plugins.defaultpreemption.DefaultPreemption;
import io.kubeboot.scheduler.plugins.imagelocality.ImageLocality;
import io.kubeboot.scheduler.plugins.interpodaffinity.InterPodAffinity;
import io.kubeboot.scheduler.plugins.nodeaffinity.NodeAffinity;
import io.kubeboot.scheduler.plugins.nodename.NodeName;
import io.kubeboot.scheduler.plugins.nodeports.NodePorts;
import io.kubeboot.scheduler.plugins.noderesources.NodeResourcesBalancedAllocation;
import io.kubeboot.scheduler.plugins.noderesources.NodeResourcesFit;
import io.kubeboot.scheduler.plugins.nodeunschedulable.NodeUnschedulable;
import io.kubeboot.scheduler.plugins.podtopologyspread.DefaultSelectors;
import io.kubeboot.scheduler.plugins.podtopologyspread.PodTopologySpread;
import io.kubeboot.scheduler.plugins.tainttoleration.TaintToleration;

import java.util.List;

/**
 * The in-tree plugins by name (upstream's {@code plugins.NewInTreeRegistry}) and the default profile's
 * multi-point plugin list with upstream 1.32's order and score weights
 * ({@code pkg/scheduler/apis/config/v1/default_plugins.go}). The volume plugins are absent: KubeBoot
 * has no PersistentVolumes. Queue sorting (PrioritySort) is built into the queue.
 */
public final class InTreePlugins {
    private InTreePlugins() {
    }

    /** Plugins with a {@code (Map<String, Object> args, Handle handle)} constructor register it directly. */
    public static PluginRegistry registry(DefaultSelectors defaultSelectors) {
        return PluginRegistry.builder()
                .register(NodeUnschedulable.NAME, NodeUnschedulable::new)
                .register(NodeName.NAME, NodeName::new)
                .register(TaintToleration.NAME, TaintToleration::new)
                .register(NodeAffinity.NAME, NodeAffinity::new)
                .register(NodePorts.NAME, NodePorts::new)
                .register(NodeResourcesFit.NAME, NodeResourcesFit::new)
                .register(PodTopologySpread.NAME, PodTopologySpread.factory(defaultSelectors))
                .register(InterPodAffinity.NAME, InterPodAffinity::new)
                .register(DefaultPreemption.NAME, DefaultPreemption::new)
                .register(NodeResourcesBalancedAllocation.NAME, NodeResourcesBalancedAllocation::new)
                .register(ImageLocality.NAME, ImageLocality::new)
                .register(DefaultBinder.NAME, DefaultBinder.factory())
                .build();
    }

    /** Upstream's default multi-point plugins, in order, with their weights. */
    public static List<ProfileConfig.PluginSpec> defaultPlugins() {
        return List.of(
                new ProfileConfig.PluginSpec(NodeUnschedulable.NAME, 0),
                new ProfileConfig.PluginSpec(NodeName.NAME, 0),
                new ProfileConfig.PluginSpec(TaintToleration.NAME, 3),
                new ProfileConfig.PluginSpec(NodeAffinity.NAME, 2),
                new ProfileConfig.PluginSpec(NodePorts.NAME, 0),
                new ProfileConfig.PluginSpec(NodeResourcesFit.NAME, 1),
                new ProfileConfig.PluginSpec(PodTopologySpread.NAME, 2),
                new ProfileConfig.PluginSpec(InterPodAffinity.NAME, 2),
                new ProfileConfig.PluginSpec(DefaultPreemption.NAME, 0),
                new ProfileConfig.PluginSpec(NodeResourcesBalancedAllocation.NAME, 1),
                new ProfileConfig.PluginSpec(ImageLocality.NAME, 1),
                new ProfileConfig.PluginSpec(DefaultBinder.NAME, 0));
    }
}
