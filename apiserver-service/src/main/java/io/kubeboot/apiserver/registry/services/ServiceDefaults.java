package io.kubeboot.apiserver.registry.services;

import io.fabric8.kubernetes.api.model.ClientIPConfig;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.SessionAffinityConfig;

import java.util.List;

/** Upstream's {@code SetDefaults_Service}. Idempotent. */
final class ServiceDefaults {
    private ServiceDefaults() {
    }

    static final int DEFAULT_CLIENT_IP_AFFINITY_SECONDS = 10800;

    static void apply(Service svc) {
        if (svc.getSpec() == null) {
            svc.setSpec(new ServiceSpec());
        }
        ServiceSpec spec = svc.getSpec();
        if (empty(spec.getSessionAffinity())) {
            spec.setSessionAffinity("None");
        }
        if (spec.getSessionAffinity().equals("None")) {
            spec.setSessionAffinityConfig(null);
        }
        if (spec.getSessionAffinity().equals("ClientIP")) {
            SessionAffinityConfig c = spec.getSessionAffinityConfig();
            if (c == null || c.getClientIP() == null || c.getClientIP().getTimeoutSeconds() == null) {
                spec.setSessionAffinityConfig(new SessionAffinityConfig(new ClientIPConfig(DEFAULT_CLIENT_IP_AFFINITY_SECONDS)));
            }
        }
        if (empty(spec.getType())) {
            spec.setType("ClusterIP");
        }
        for (ServicePort p : nn(spec.getPorts())) {
            if (empty(p.getProtocol())) {
                p.setProtocol("TCP");
            }
            IntOrString t = p.getTargetPort();
            boolean unset = t == null || (t.getIntVal() == null && t.getStrVal() == null)
                    || (t.getIntVal() != null && t.getIntVal() == 0) || (t.getStrVal() != null && t.getStrVal().isEmpty());
            if (unset) {
                p.setTargetPort(new IntOrString(p.getPort() == null ? 0 : p.getPort()));
            }
        }
        if (ServiceRules.externallyAccessible(spec) && empty(spec.getExternalTrafficPolicy())) {
            spec.setExternalTrafficPolicy("Cluster");
        }
        if (spec.getInternalTrafficPolicy() == null
                && List.of("NodePort", "LoadBalancer", "ClusterIP").contains(spec.getType())) {
            spec.setInternalTrafficPolicy("Cluster");
        }
        if (spec.getType().equals("LoadBalancer")) {
            if (spec.getAllocateLoadBalancerNodePorts() == null) {
                spec.setAllocateLoadBalancerNodePorts(true);
            }
            if (svc.getStatus() != null && svc.getStatus().getLoadBalancer() != null) {
                for (LoadBalancerIngress ing : nn(svc.getStatus().getLoadBalancer().getIngress())) {
                    if (!empty(ing.getIp()) && ing.getIpMode() == null) {
                        ing.setIpMode("VIP");
                    }
                }
            }
        }
    }

    static boolean empty(String s) {
        return s == null || s.isEmpty();
    }

    static <T> List<T> nn(List<T> l) {
        return l == null ? List.of() : l;
    }
}
