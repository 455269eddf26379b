package io.kubeboot.controller.nodeipam;

import io.kubeboot.controller.manager.ControllerDescriptor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the node IPAM controller with the manager ("node-ipam-controller"). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NodeIpamProperties.class)
public class NodeIpamConfiguration {
    @Bean
    ControllerDescriptor nodeIpamControllerDescriptor(NodeIpamProperties props) {
        return NodeIpamController.descriptor(props);
    }
}
