package io.kubeboot.controller.deployment;

import io.kubeboot.controller.manager.ControllerDescriptor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the Deployment controller with the controller manager ({@code --controllers} name "deployment"). */
@Configuration(proxyBeanMethods = false)
public class DeploymentControllerConfiguration {
    @Bean
    ControllerDescriptor deploymentControllerDescriptor() {
        return DeploymentController.descriptor();
    }
}
