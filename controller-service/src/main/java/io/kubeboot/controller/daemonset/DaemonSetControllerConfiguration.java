package io.kubeboot.controller.daemonset;

import io.kubeboot.controller.manager.ControllerDescriptor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the DaemonSet controller with the manager ("daemonset"). */
@Configuration(proxyBeanMethods = false)
public class DaemonSetControllerConfiguration {
    @Bean
    ControllerDescriptor daemonSetControllerDescriptor() {
        return DaemonSetController.descriptor();
    }
}
