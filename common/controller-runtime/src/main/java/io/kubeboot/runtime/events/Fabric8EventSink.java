package io.kubeboot.runtime.events;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

/** core/v1 events through the fabric8 client. */
final class Fabric8EventSink implements EventSink {
    private final KubernetesClient client;

    Fabric8EventSink(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public Event create(Event event) {
        return client.v1().events().inNamespace(event.getMetadata().getNamespace()).resource(event).create();
    }

    @Override
    public Event patch(Event event, String patch) {
        return client.v1().events().inNamespace(event.getMetadata().getNamespace()).withName(event.getMetadata().getName())
                .patch(PatchContext.of(PatchType.STRATEGIC_MERGE), patch);
    }
}
