package io.kubeboot.apiserver;

import io.kubeboot.apiserver.config.ApiServerProperties;
import io.kubeboot.apiserver.config.StoreProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** kube-apiserver: the Kubernetes REST API over the Redis store. */
@SpringBootApplication
@EnableConfigurationProperties({ApiServerProperties.class, StoreProperties.class})
public class ApiServerApplication {
    public static void main(String[] args) {
        SpringApplication.run(ApiServerApplication.class, args);
    }
}
