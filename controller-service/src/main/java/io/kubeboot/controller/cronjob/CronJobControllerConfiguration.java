package io.kubeboot.controller.cronjob;

import io.kubeboot.controller.manager.ControllerDescriptor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the CronJob controller with the manager ("cronjob"). */
@Configuration(proxyBeanMethods = false)
public class CronJobControllerConfiguration {
    @Bean
    ControllerDescriptor cronJobControllerDescriptor() {
        return CronJobController.descriptor();
    }
}
