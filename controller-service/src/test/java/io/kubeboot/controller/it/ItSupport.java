package io.kubeboot.controller.it;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubeboot.controller.config.ControllerManagerProperties;
import io.kubeboot.controller.manager.ControllerDescriptor;
import io.kubeboot.controller.manager.ControllerManager;
import io.kubeboot.controller.manager.SharedInformers;
import io.kubeboot.runtime.client.ClientSettings;
import io.kubeboot.runtime.client.KubeClients;
import io.kubeboot.testkit.ApiServerProcess;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** The shared IT apiserver, clients against it, and a controller manager running given controllers. */
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

    /** A running manager (own client, own informers) with the Lease {@code kube-system/<leaseName>}. */
    static final class Manager implements AutoCloseable {
        final KubernetesClient client;
        final SharedInformers informers;
        final ControllerManager manager;
        final SimpleMeterRegistry registry = new SimpleMeterRegistry();

        Manager(String leaseName, List<ControllerDescriptor> descriptors) {
            ControllerManagerProperties props = new ControllerManagerProperties();
            props.setApiserverUrl(ApiServerProcess.get().url());
            props.setExitOnLostLease(false);
            props.setMinResyncPeriod(Duration.ZERO);
            props.setNamespaceSyncPeriod(Duration.ofSeconds(30));
            props.getLeaderElection().setName(leaseName);
            client = KubeClients.create(ClientSettings.defaults().withMasterUrl(props.getApiserverUrl()).withRateLimit(100, 200));
            ensureNamespace(client, "kube-system");
            informers = new SharedInformers(client, props.getMinResyncPeriod());
            manager = new ControllerManager(props, client, informers, descriptors, registry);
            manager.start();
        }

        @Override
        public void close() {
            manager.stop();
            client.close();
        }
    }

    static void ensureNamespace(KubernetesClient client, String name) {
        if (client.namespaces().withName(name).get() == null) {
            try {
                client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
            } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
            }
        }
    }
}
