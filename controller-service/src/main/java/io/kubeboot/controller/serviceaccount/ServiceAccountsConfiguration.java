package io.kubeboot.controller.serviceaccount;

import io.kubeboot.controller.manager.ControllerDescriptor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the ServiceAccounts controller with the manager. */
@Configuration(proxyBeanMethods = false)
class ServiceAccountsConfiguration {
    @Bean
    ControllerDescriptor serviceAccountsControllerDescriptor() {
        return ServiceAccountsController.descriptor();
    }
}
