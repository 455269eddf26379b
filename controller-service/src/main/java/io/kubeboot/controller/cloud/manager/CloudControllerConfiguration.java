package io.kubeboot.controller.cloud.manager;

import io.kubeboot.controller.manager.ControllerDescriptor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the cloud controllers with the manager as the group "cloud-controller-manager" (on unless
 * {@code kubeboot.cloud.enabled=false}; off by default with {@code kubeboot.cloud.provider=none}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CloudProperties.class)
@ConditionalOnProperty(prefix = "kubeboot.cloud", name = "enabled", havingValue = "true", matchIfMissing = true)
public class CloudControllerConfiguration {
    @Bean
    ControllerDescriptor cloudControllerManagerDescriptor(CloudProperties props) {
        return CloudControllerManager.descriptor(props);
    }
}
