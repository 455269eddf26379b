package io.kubeboot.node.proxy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubeboot.node.config.NodeAgentProperties;
import io.kubeboot.node.network.CommandRunner;
import io.kubeboot.node.network.Ipv4Cidr;
import io.kubeboot.node.proxy.iptables.Iptables;
import io.kubeboot.node.proxy.iptables.IptablesCommand;
import io.kubeboot.node.proxy.iptables.IptablesProxier;
import io.kubeboot.node.proxy.userspace.IpCommandLoopback;
import io.kubeboot.node.proxy.userspace.UserspaceProxier;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Runs kube-proxy in the node agent unless {@code kubeboot.node.proxy.mode} is "off": "userspace" (default) or
 * "iptables", which falls back to userspace with a warning when iptables is not usable here.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${kubeboot.node.proxy.mode:userspace}' != 'off'")
public class ProxyConfiguration {
    private static final Logger log = LoggerFactory.getLogger(ProxyConfiguration.class);

    @Bean(initMethod = "start", destroyMethod = "close")
    KubeProxy kubeProxy(KubernetesClient client, NodeAgentProperties properties, ObjectProvider<MeterRegistry> registry) {
        NodeAgentProperties.Proxy p = properties.getProxy();
        // before any ClusterIP is served: no address of the range may leave the machine (DESIGN.md)
        new ServiceCidrRoute(CommandRunner.processes(), Ipv4Cidr.parse(p.getServiceCidr())).ensure();
        ProxyStateBuilder builder = new ProxyStateBuilder(Ipv4Cidr.parse(p.getServiceCidr()),
                Ipv4Cidr.parse(properties.getNetwork().getClusterCidr()), properties.resolvedName());
        ProxyMetrics metrics = new ProxyMetrics(registry.getIfAvailable(SimpleMeterRegistry::new));
        return new KubeProxy(client, builder, proxier(properties, new IptablesCommand(), metrics::endpointDialFailed),
                metrics, p.getMinSyncPeriod(), p.getSyncPeriod());
    }

    static Proxier proxier(NodeAgentProperties properties) {
        return proxier(properties, new IptablesCommand(), () -> { });
    }

    /** The proxier for the configured mode; iptables only when it works here, else userspace with a warning. */
    static Proxier proxier(NodeAgentProperties properties, Iptables iptables, Runnable dialFailed) {
        NodeAgentProperties.Proxy p = properties.getProxy();
        String mode = p.getMode() == null ? "userspace" : p.getMode().trim().toLowerCase();
        switch (mode) {
            case "userspace", "" -> { }
            case "iptables" -> {
                if (iptables.usable()) {
                    return new IptablesProxier(iptables, Ipv4Cidr.parse(properties.getNetwork().getClusterCidr()),
                            properties.getAddress(), p.getNodePortRange(), new IpCommandLoopback());
                }
                log.warn("kube-proxy mode iptables requested but iptables is not usable here (not installed or not "
                        + "permitted); falling back to userspace");
            }
            default -> throw new IllegalArgumentException("kubeboot.node.proxy.mode: unknown mode \"" + p.getMode()
                    + "\"; expected userspace, iptables or off");
        }
        return new UserspaceProxier(properties.getAddress(), p.getNodePortRange(), p.getUdpIdleTimeout(),
                new IpCommandLoopback(), System::nanoTime, dialFailed);
    }
}
