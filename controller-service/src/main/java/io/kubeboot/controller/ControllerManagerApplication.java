package io.kubeboot.controller;

import io.kubeboot.runtime.jvm.CommonPool;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * kube-controller-manager: one process running many reconcile loops (ReplicaSet, Namespace, ...) over shared
 * informers, active only while it holds the Lease {@code kube-system/kube-controller-manager}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ControllerManagerApplication {
    public static void main(String[] args) {
        CommonPool.ensureParallelism();
        SpringApplication.run(ControllerManagerApplication.class, args);
    }
}
