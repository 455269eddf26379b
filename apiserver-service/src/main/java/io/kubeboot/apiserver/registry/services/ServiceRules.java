package io.kubeboot.apiserver.registry.services;

import io.fabric8.kubernetes.api.model.ServiceSpec;

import java.util.List;

/** Upstream's service predicates ({@code ExternallyAccessible}, {@code NeedsHealthCheck}, headless, ...). */
final class ServiceRules {
    private ServiceRules() {
    }

    static final String CLUSTER_IP_NONE = "None";

    static String type(ServiceSpec spec) {
        return spec.getType() == null || spec.getType().isEmpty() ? "ClusterIP" : spec.getType();
    }

    static boolean externallyAccessible(ServiceSpec spec) {
        String t = type(spec);
        return t.equals("LoadBalancer") || t.equals("NodePort")
                || (t.equals("ClusterIP") && !ServiceDefaults.nn(spec.getExternalIPs()).isEmpty());
    }

    static boolean needsHealthCheck(ServiceSpec spec) {
        return type(spec).equals("LoadBalancer") && "Local".equals(spec.getExternalTrafficPolicy());
    }

    static boolean isHeadless(ServiceSpec spec) {
        List<String> ips = ServiceDefaults.nn(spec.getClusterIPs());
        return ips.size() == 1 && ips.get(0).equals(CLUSTER_IP_NONE);
    }

    static boolean needsClusterIp(ServiceSpec spec) {
        return !type(spec).equals("ExternalName");
    }

    static boolean needsNodePort(ServiceSpec spec) {
        String t = type(spec);
        return t.equals("NodePort")
                || (t.equals("LoadBalancer") && !Boolean.FALSE.equals(spec.getAllocateLoadBalancerNodePorts()));
    }
}
