package io.kubeboot.node;

import io.kubeboot.runtime.jvm.CommonPool;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The node agent: kubelet (node registration, Lease, pods on a container runtime, status, logs) and kube-proxy
 * (Service virtual IPs to ready endpoints) for one node, or, with the simulated runtime, for many.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class NodeAgentApplication {
    public static void main(String[] args) {
        CommonPool.ensureParallelism();
        SpringApplication.run(NodeAgentApplication.class, args);
    }
}
