package io.kubeboot.runtime.it;

import io.kubeboot.testkit.ApiServerProcess;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubeboot.runtime.client.ClientSettings;
import io.kubeboot.runtime.client.KubeClients;

import java.util.UUID;

/** Clients against the shared IT apiserver; tests isolate themselves by namespace. */
final class ItSupport {
    private ItSupport() {
    }

    static KubernetesClient client() {
        return KubeClients.create(ClientSettings.defaults().withMasterUrl(ApiServerProcess.get().url()).withRateLimit(100, 200));
    }

    static String createNamespace(KubernetesClient client, String prefix) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
        return name;
    }
}
