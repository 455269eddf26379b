package io.kubeboot.controller.endpoints;

import io.kubeboot.controller.manager.ControllerDescriptor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the Endpoints controller with the manager. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EndpointsProperties.class)
class EndpointsConfiguration {
    @Bean
    ControllerDescriptor endpointsControllerDescriptor(EndpointsProperties props) {
        return EndpointsController.descriptor(props);
    }
}
