package io.kubeboot.controller.job;

import io.kubeboot.controller.manager.ControllerDescriptor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the Job controller with the manager ("job"). */
@Configuration(proxyBeanMethods = false)
public class JobControllerConfiguration {
    @Bean
    ControllerDescriptor jobControllerDescriptor() {
        return JobController.descriptor();
    }
}
