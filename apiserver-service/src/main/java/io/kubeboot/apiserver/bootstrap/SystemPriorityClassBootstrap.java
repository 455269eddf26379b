package io.kubeboot.apiserver.bootstrap;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import io.kubeboot.api.json.Json;
import io.kubeboot.api.resource.BuiltinResources;
import io.kubeboot.apiserver.registry.Registries;
import io.kubeboot.apiserver.registry.WriteOptions;
import io.kubeboot.apiserver.registry.priorityclasses.SystemPriorityClasses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * kube-apiserver's post-start hook {@code scheduling/bootstrap-system-priority-classes}: creates
 * {@code system-node-critical} and {@code system-cluster-critical} through the normal create path
 * (so they are defaulted and validated like any class). Idempotent: a class that exists is left as
 * it is, as upstream, which only creates missing ones.
 */
@Component
public class SystemPriorityClassBootstrap implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(SystemPriorityClassBootstrap.class);

    private final Registries registries;
    private volatile boolean running;

    public SystemPriorityClassBootstrap(Registries registries) {
        this.registries = registries;
    }

    @Override
    public void start() {
        var registry = registries.get(BuiltinResources.get().byResource("scheduling.k8s.io", "v1", "priorityclasses").orElseThrow());
        for (PriorityClass pc : SystemPriorityClasses.all()) {
            ObjectNode body = Json.MAPPER.valueToTree(pc);
            SystemObjects.ensure(() -> registry.create("", body, WriteOptions.DEFAULT).join());
        }
        running = true;
        log.info("system priority classes are in place");
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** With the other system objects: after the watch caches, before the web server takes traffic. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 2000;
    }
}
