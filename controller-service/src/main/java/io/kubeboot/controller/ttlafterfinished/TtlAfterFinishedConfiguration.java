package io.kubeboot.controller.ttlafterfinished;

import io.kubeboot.controller.manager.ControllerDescriptor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the TTL-after-finished controller with the manager ("ttl-after-finished"). */
@Configuration(proxyBeanMethods = false)
class TtlAfterFinishedConfiguration {
    @Bean
    ControllerDescriptor ttlAfterFinishedControllerDescriptor() {
        return TtlAfterFinishedController.descriptor();
    }
}
