package io.kubeboot.controller.config;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubeboot.controller.manager.ControllerDescriptor;
import io.kubeboot.controller.manager.ControllerManager;
import io.kubeboot.controller.manager.SharedInformers;
import io.kubeboot.controller.namespace.NamespaceController;
import io.kubeboot.controller.replicaset.ReplicaSetController;
import io.kubeboot.runtime.client.ClientSettings;
import io.kubeboot.runtime.client.KubeClients;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/** The controller manager's long-lived parts: client, shared informers, the controllers it knows and the manager. */
@Configuration(proxyBeanMethods = false)
public class ControllerManagerConfiguration {
    static final String USER_AGENT = "kube-controller-manager/v1.32.0 (kubeboot)";

    @Bean(destroyMethod = "close")
    KubernetesClient kubernetesClient(ControllerManagerProperties props) {
        ClientSettings settings = ClientSettings.fromEnvironment();
        if (props.getApiserverUrl() != null && !props.getApiserverUrl().isEmpty()) {
            settings = settings.withMasterUrl(props.getApiserverUrl());
        }
        return KubeClients.create(settings.withRateLimit(props.getQps(), props.getBurst()).withUserAgent(USER_AGENT));
    }

    @Bean(destroyMethod = "close")
    SharedInformers sharedInformers(KubernetesClient client, ControllerManagerProperties props) {
        return new SharedInformers(client, props.getMinResyncPeriod());
    }

    @Bean
    ControllerDescriptor replicaSetControllerDescriptor() {
        return ReplicaSetController.descriptor();
    }

    @Bean
    ControllerDescriptor namespaceControllerDescriptor() {
        return NamespaceController.descriptor();
    }

    @Bean
    ControllerManager controllerManager(ControllerManagerProperties props, KubernetesClient client, SharedInformers informers,
                                        List<ControllerDescriptor> descriptors, MeterRegistry registry) {
        return new ControllerManager(props, client, informers, descriptors, registry);
    }
}
