package io.kubeboot.controller.podgc;

import io.kubeboot.controller.manager.ControllerDescriptor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the pod garbage collector with the manager. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PodGcProperties.class)
class PodGcConfiguration {
    @Bean
    ControllerDescriptor podGcControllerDescriptor(PodGcProperties props) {
        return PodGcController.descriptor(props);
    }
}
