package io.kubeboot.scheduler;

import io.kubeboot.runtime.jvm.CommonPool;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** kube-scheduler: watches unscheduled pods and nodes through the apiserver and binds pods to nodes. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SchedulerApplication {
    public static void main(String[] args) {
        CommonPool.ensureParallelism();
        SpringApplication.run(SchedulerApplication.class, args);
    }
}
