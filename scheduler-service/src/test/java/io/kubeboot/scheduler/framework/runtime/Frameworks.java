package io.kubeboot.scheduler.framework.runtime;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.kubeboot.scheduler.framework.BindPlugin;
import io.kubeboot.scheduler.framework.NodeInfo;
import io.kubeboot.scheduler.framework.Plugin;
import io.kubeboot.scheduler.framework.PodInfo;
import io.kubeboot.scheduler.framework.PodNominator;
import io.kubeboot.scheduler.framework.Snapshot;
import io.kubeboot.scheduler.framework.Status;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds frameworks around ready-made plugin instances, and the pods and nodes they run on. */
final class Frameworks {
    static final String BINDER = "StubBinder";

    private Frameworks() {
    }

    /** A framework running {@code plugins} in this order (weights by name, default 1), plus a binder when none is given. */
    static Framework of(List<? extends Plugin> plugins, Map<String, Integer> weights, PodNominator nominator, Parallelizer parallelizer) {
        List<Plugin> all = new ArrayList<>(plugins);
        if (all.stream().noneMatch(p -> p instanceof BindPlugin)) {
            all.add(new StubBinder());
        }
        PluginRegistry.Builder registry = PluginRegistry.builder();
        List<ProfileConfig.PluginSpec> specs = new ArrayList<>();
        for (Plugin p : all) {
            registry.register(p.name(), (args, handle) -> p);
            specs.add(new ProfileConfig.PluginSpec(p.name(), weights.getOrDefault(p.name(), 0)));
        }
        ProfileConfig config = new ProfileConfig("default-scheduler", specs, Map.of(), 0);
        return new Framework(config, registry.build(), new Framework.Services(Snapshot::of, nominator, null, parallelizer));
    }

    static Framework of(List<? extends Plugin> plugins) {
        return of(plugins, Map.of(), null, new Parallelizer(1));
    }

    static Pod pod(String name, int priority) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("default").withUid(name).endMetadata()
                .withNewSpec().withPriority(priority).endSpec().build();
    }

    static PodInfo podInfo(String name) {
        return PodInfo.of(pod(name, 0));
    }

    static Node node(String name) {
        return new NodeBuilder().withNewMetadata().withName(name).endMetadata().build();
    }

    static NodeInfo nodeInfo(String name, Pod... pods) {
        return NodeInfo.of(node(name), pods);
    }

    static List<NodeInfo> nodes(String... names) {
        return java.util.Arrays.stream(names).map(Frameworks::nodeInfo).toList();
    }

    /** A binder that always succeeds, for frameworks whose test is not about binding. */
    static final class StubBinder implements BindPlugin {
        @Override
        public String name() {
            return BINDER;
        }

        @Override
        public Status bind(io.kubeboot.scheduler.framework.CycleState state, PodInfo pod, String nodeName) {
            return Status.success();
        }
    }
}
