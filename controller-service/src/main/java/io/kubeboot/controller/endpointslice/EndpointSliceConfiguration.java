package io.kubeboot.controller.endpointslice;

import io.kubeboot.controller.manager.ControllerDescriptor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the EndpointSlice controller with the manager. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EndpointSliceProperties.class)
class EndpointSliceConfiguration {
    @Bean
    ControllerDescriptor endpointSliceControllerDescriptor(EndpointSliceProperties props) {
        return EndpointSliceController.descriptor(props);
    }
}
