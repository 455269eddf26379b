package io.kubeboot.controller.manager;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubeboot.controller.config.ControllerManagerProperties;
import io.kubeboot.runtime.events.EventRecorder;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.ArrayList;
import java.util.List;

/**
 * What a controller is built from (upstream's {@code ControllerContext}): the client, the shared informers, the
 * settings, the meter registry, and event recorders per component (closed with the context).
 */
public final class ControllerContext implements AutoCloseable {
    private final KubernetesClient client;
    private final SharedInformers informers;
    private final ControllerManagerProperties properties;
    private final MeterRegistry registry;
    private final List<EventRecorder> recorders = new ArrayList<>();

    public ControllerContext(KubernetesClient client, SharedInformers informers, ControllerManagerProperties properties,
                             MeterRegistry registry) {
        this.client = client;
        this.informers = informers;
        this.properties = properties;
        this.registry = registry;
    }

    public KubernetesClient client() {
        return client;
    }

    public SharedInformers informers() {
        return informers;
    }

    public ControllerManagerProperties properties() {
        return properties;
    }

    /** May be null (no metrics). */
    public MeterRegistry registry() {
        return registry;
    }

    /** A new event recorder reporting as {@code component}, e.g. "replicaset-controller". */
    public synchronized EventRecorder eventRecorder(String component) {
        EventRecorder r = EventRecorder.builder(client).component(component).meterRegistry(registry).build();
        recorders.add(r);
        return r;
    }

    @Override
    public synchronized void close() {
        recorders.forEach(EventRecorder::close);
        recorders.clear();
    }
}
