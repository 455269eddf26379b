package io.kubeboot.controller.garbagecollector;

import io.kubeboot.controller.manager.ControllerDescriptor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the garbage collector with the controller manager. */
@Configuration(proxyBeanMethods = false)
public class GarbageCollectorConfiguration {
    @Bean
    ControllerDescriptor garbageCollectorControllerDescriptor() {
        return GarbageCollectorController.descriptor();
    }
}
