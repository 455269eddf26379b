package io.kubeboot.apiserver.bootstrap;

import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import io.kubeboot.api.json.Json;
import io.kubeboot.apiserver.registry.Registries;
import io.kubeboot.apiserver.registry.priorityclasses.SystemPriorityClasses;
import org.springframework.stereotype.Component;

/**
 * kube-apiserver's post-start hook {@code scheduling/bootstrap-system-priority-classes}: creates
 * {@code system-node-critical} and {@code system-cluster-critical}; as upstream, only missing ones.
 */
@Component
public class SystemPriorityClassBootstrap extends SystemObjectBootstrap {

    public SystemPriorityClassBootstrap(Registries registries) {
        super(registries, "system priority classes are in place");
    }

    @Override
    void createAll() {
        for (PriorityClass pc : SystemPriorityClasses.all()) {
            ensure("scheduling.k8s.io", "priorityclasses", "", Json.MAPPER.valueToTree(pc));
        }
    }
}
