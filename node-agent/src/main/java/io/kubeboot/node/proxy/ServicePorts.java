package io.kubeboot.node.proxy;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.SessionAffinityConfig;
import io.kubeboot.node.network.Ipv4Cidr;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The service ports the proxy programs for one Service, as upstream's service change tracker reads a Service
 * ({@code serviceToServiceMap}, {@code ShouldSkipService}, {@code newBaseServiceInfo}): ExternalName Services and
 * Services without a ClusterIP ("" or "None", i.e. headless) have none; IPv6 Services are left to an IPv6 proxier
 * (none here). NodePort and LoadBalancer Services carry their node ports (none when the apiserver allocated none,
 * e.g. allocateLoadBalancerNodePorts=false). A ClusterIP outside the service CIDR is never served: its ports keep
 * their node ports only, and the refusal is reported.
 */
public final class ServicePorts {
    /** Upstream's DefaultClientIPServiceAffinitySeconds (3 hours). */
    public static final int DEFAULT_CLIENT_IP_TIMEOUT_SECONDS = 10800;

    private final Ipv4Cidr serviceCidr;

    public ServicePorts(Ipv4Cidr serviceCidr) {
        this.serviceCidr = serviceCidr;
    }

    /** The ports of {@code service}, in spec order; {@code refused} receives one line per refusal. */
    public List<ServicePort> of(Service service, Consumer<String> refused) {
        ServiceSpec spec = service.getSpec();
        if (spec == null || "ExternalName".equals(spec.getType())) {
            return List.of();
        }
        String clusterIp = spec.getClusterIP();
        if (clusterIp == null || clusterIp.isEmpty() || "None".equals(clusterIp) || !Ipv4Cidr.isIpv4(clusterIp)) {
            return List.of();
        }
        String ns = service.getMetadata().getNamespace();
        String name = service.getMetadata().getName();
        if (!serviceCidr.contains(clusterIp)) {
            refused.accept("Service " + ns + "/" + name + ": ClusterIP " + clusterIp + " is outside the service CIDR "
                    + serviceCidr + "; not serving it");
            clusterIp = null;
        }
        boolean nodePorts = "NodePort".equals(spec.getType()) || "LoadBalancer".equals(spec.getType());
        int sticky = stickyMaxAgeSeconds(spec);
        List<ServicePort> out = new ArrayList<>();
        for (io.fabric8.kubernetes.api.model.ServicePort p : spec.getPorts()) {
            if (p.getPort() == null) {
                continue;
            }
            String protocol = p.getProtocol() == null ? "TCP" : p.getProtocol();
            int nodePort = nodePorts && p.getNodePort() != null ? p.getNodePort() : 0;
            out.add(new ServicePort(new ServicePortName(ns, name, p.getName(), protocol), clusterIp, p.getPort(),
                    nodePort, sticky));
        }
        return out;
    }

    static int stickyMaxAgeSeconds(ServiceSpec spec) {
        if (!"ClientIP".equals(spec.getSessionAffinity())) {
            return 0;
        }
        SessionAffinityConfig config = spec.getSessionAffinityConfig();
        Integer timeout = config == null || config.getClientIP() == null ? null : config.getClientIP().getTimeoutSeconds();
        return timeout == null || timeout <= 0 ? DEFAULT_CLIENT_IP_TIMEOUT_SECONDS : timeout;
    }
}
