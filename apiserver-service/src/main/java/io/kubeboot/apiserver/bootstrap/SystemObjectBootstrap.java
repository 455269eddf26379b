package io.kubeboot.apiserver.bootstrap;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubeboot.api.errors.StatusException;
import io.kubeboot.api.resource.BuiltinResources;
import io.kubeboot.apiserver.registry.Registries;
import io.kubeboot.apiserver.registry.WriteOptions;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.util.concurrent.CompletionException;

/**
 * A start-up step that creates system objects through the normal create path (so they are defaulted and
 * validated like any object) and leaves the ones that exist as they are, as kube-apiserver's bootstrap
 * hooks do: any replica may run it at any start. Runs after the watch caches, before the web server
 * takes traffic.
 */
abstract class SystemObjectBootstrap implements SmartLifecycle {
    private final Registries registries;
    private final String doneMessage;
    private volatile boolean running;

    /** @param doneMessage logged once the objects are in place */
    SystemObjectBootstrap(Registries registries, String doneMessage) {
        this.registries = registries;
        this.doneMessage = doneMessage;
    }

    /** Creates this step's objects, each with {@link #ensure}. */
    abstract void createAll();

    /** Creates {@code body} as a {@code group/v1} {@code resource} in {@code namespace} ("" when cluster scoped), taking AlreadyExists as success. */
    final void ensure(String group, String resource, String namespace, ObjectNode body) {
        var registry = registries.get(BuiltinResources.get().byResource(group, "v1", resource).orElseThrow());
        try {
            registry.create(namespace, body, WriteOptions.DEFAULT).join();
        } catch (CompletionException e) {
            if (!(e.getCause() instanceof StatusException s && s.code() == 409)) {
                throw e;
            }
        }
    }

    @Override
    public final void start() {
        createAll();
        running = true;
        LoggerFactory.getLogger(getClass()).info(doneMessage);
    }

    @Override
    public final void stop() {
        running = false;
    }

    @Override
    public final boolean isRunning() {
        return running;
    }

    @Override
    public final int getPhase() {
        return Integer.MIN_VALUE + 2000;
    }
}
