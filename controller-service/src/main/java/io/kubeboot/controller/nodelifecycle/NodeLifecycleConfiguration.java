package io.kubeboot.controller.nodelifecycle;

import io.kubeboot.controller.manager.ControllerDescriptor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the node lifecycle controller with the manager ("node-lifecycle-controller", on by default). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NodeLifecycleProperties.class)
public class NodeLifecycleConfiguration {
    @Bean
    ControllerDescriptor nodeLifecycleControllerDescriptor(NodeLifecycleProperties props) {
        return NodeLifecycleController.descriptor(props);
    }
}
