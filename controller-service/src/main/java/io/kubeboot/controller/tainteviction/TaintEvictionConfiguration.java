package io.kubeboot.controller.tainteviction;

import io.kubeboot.controller.manager.ControllerDescriptor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the taint eviction controller with the manager ("taint-eviction-controller", on by default). */
@Configuration(proxyBeanMethods = false)
public class TaintEvictionConfiguration {
    @Bean
    ControllerDescriptor taintEvictionControllerDescriptor() {
        return TaintEvictionController.descriptor();
    }
}
