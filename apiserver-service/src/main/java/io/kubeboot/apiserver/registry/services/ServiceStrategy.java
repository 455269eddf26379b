package io.kubeboot.apiserver.registry.services;

import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.kubeboot.api.resource.BuiltinResources;
import io.kubeboot.api.resource.ResourceInfo;
import io.kubeboot.api.validation.FieldErrors;
import io.kubeboot.api.validation.FieldPath;
import io.kubeboot.api.validation.FieldValidators;
import io.kubeboot.api.validation.IpAddress;
import io.kubeboot.api.validation.NameValidation;
import io.kubeboot.apiserver.registry.Strategy;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static io.kubeboot.apiserver.registry.services.ServiceDefaults.empty;
import static io.kubeboot.apiserver.registry.services.ServiceDefaults.nn;

/**
 * Services, as upstream's {@code pkg/registry/core/service/strategy.go} and the field handling of
 * its storage ({@code NormalizeClusterIPs}, {@code patchAllocatedValues},
 * {@code dropTypeDependentFields}, the IP family defaults of a single-stack IPv4 cluster). Cluster IP
 * and node port allocation are the registry's. Names are DNS-1035 labels.
 */
@Component
public class ServiceStrategy implements Strategy<Service> {
    private static final ResourceInfo INFO = BuiltinResources.get().byResource("", "v1", "services").orElseThrow();

    @Override
    public ResourceInfo info() {
        return INFO;
    }

    @Override
    public Class<Service> type() {
        return Service.class;
    }

    @Override
    public NameValidation.NameValidator nameValidator() {
        return NameValidation::dns1035Label;
    }

    @Override
    public void prepareForCreate(Service svc) {
        ServiceSpec spec = spec(svc);
        if (!empty(spec.getClusterIP()) && nn(spec.getClusterIPs()).isEmpty()) {
            spec.setClusterIPs(new ArrayList<>(List.of(spec.getClusterIP())));
        }
        initIpFamilies(spec);
    }

    @Override
    public void prepareForUpdate(Service svc, Service old) {
        ServiceSpec spec = spec(svc);
        ServiceSpec oldSpec = spec(old);
        patchAllocatedValues(spec, oldSpec);
        normalizeClusterIps(spec, oldSpec);
        dropTypeDependentFields(spec, oldSpec);
        initIpFamilies(spec);
    }

    @Override
    public void applyDefaults(Service svc) {
        ServiceDefaults.apply(svc);
    }

    @Override
    public FieldErrors validate(Service svc) {
        return ServiceValidation.validate(svc);
    }

    @Override
    public FieldErrors validateUpdate(Service svc, Service old) {
        return ServiceValidation.validateUpdate(svc, old);
    }

    /** Upstream {@code ValidateLoadBalancerStatus} (LoadBalancerIPMode on, as in 1.32). */
    @Override
    public FieldErrors validateStatusUpdate(Service svc, Service old) {
        FieldErrors errs = new FieldErrors();
        if (svc.getStatus() == null || svc.getStatus().getLoadBalancer() == null) {
            return errs;
        }
        FieldPath ingressPath = FieldPath.of("status", "loadBalancer", "ingress");
        List<LoadBalancerIngress> ingress = nn(svc.getStatus().getLoadBalancer().getIngress());
        if (!"LoadBalancer".equals(spec(svc).getType()) && !ingress.isEmpty()) {
            return errs.forbidden(ingressPath, "may only be used when `spec.type` is 'LoadBalancer'");
        }
        for (int i = 0; i < ingress.size(); i++) {
            LoadBalancerIngress ing = ingress.get(i);
            FieldPath p = ingressPath.index(i);
            if (!empty(ing.getIp())) {
                errs.addAll(FieldValidators.ip(ing.getIp(), p.child("ip")));
            }
            if (ing.getIpMode() == null) {
                if (!empty(ing.getIp())) {
                    errs.required(p.child("ipMode"), "must be specified when `ip` is set");
                }
            } else if (empty(ing.getIp())) {
                errs.forbidden(p.child("ipMode"), "may not be specified when `ip` is not set");
            } else if (!ing.getIpMode().equals("VIP") && !ing.getIpMode().equals("Proxy")) {
                errs.notSupported(p.child("ipMode"), ing.getIpMode(), List.of("Proxy", "VIP"));
            }
            if (!empty(ing.getHostname())) {
                errs.addAll(FieldValidators.dns1123Subdomain(ing.getHostname(), p.child("hostname")));
                if (IpAddress.parse(ing.getHostname()) != null) {
                    errs.invalid(p.child("hostname"), ing.getHostname(), "must be a DNS name, not an IP address");
                }
            }
        }
        return errs;
    }

    /**
     * The IP family fields the allocator fills on a single-stack IPv4 cluster: SingleStack/[IPv4]
     * for services with a cluster IP, RequireDualStack/[IPv4] for headless services without selector.
     */
    static void initIpFamilies(ServiceSpec spec) {
        if ("ExternalName".equals(spec.getType())) {
            return;
        }
        boolean headless = ServiceRules.isHeadless(spec) || ServiceRules.CLUSTER_IP_NONE.equals(spec.getClusterIP());
        if (headless && (spec.getSelector() == null || spec.getSelector().isEmpty())) {
            if (spec.getIpFamilyPolicy() == null) {
                spec.setIpFamilyPolicy("RequireDualStack");
            }
        } else if (spec.getIpFamilyPolicy() == null) {
            spec.setIpFamilyPolicy("SingleStack");
        }
        if (nn(spec.getIpFamilies()).isEmpty()) {
            List<String> families = new ArrayList<>();
            for (String ip : nn(spec.getClusterIPs())) {
                IpAddress parsed = IpAddress.parse(ip);
                if (parsed != null) {
                    families.add(parsed.isIpv4() ? "IPv4" : "IPv6");
                }
            }
            if (families.isEmpty()) {
                families.add("IPv4");
            }
            spec.setIpFamilies(families);
        }
    }

    /** Upstream {@code patchAllocatedValues}: an update that omits allocated values keeps them. */
    static void patchAllocatedValues(ServiceSpec spec, ServiceSpec old) {
        if (ServiceRules.needsClusterIp(old) && ServiceRules.needsClusterIp(spec)) {
            if (empty(spec.getClusterIP())) {
                spec.setClusterIP(old.getClusterIP());
            }
            if (nn(spec.getClusterIPs()).isEmpty() && !nn(old.getClusterIPs()).isEmpty()) {
                spec.setClusterIPs(new ArrayList<>(old.getClusterIPs()));
            }
        }
        if (ServiceRules.needsNodePort(old) && ServiceRules.needsNodePort(spec)) {
            Set<Integer> used = nodePorts(old);
            used.retainAll(nodePorts(spec));
            Map<String, Integer> byName = new HashMap<>();
            for (ServicePort p : nn(old.getPorts())) {
                byName.put(p.getName() == null ? "" : p.getName(), p.getNodePort() == null ? 0 : p.getNodePort());
            }
            for (ServicePort p : nn(spec.getPorts())) {
                if (p.getNodePort() == null || p.getNodePort() == 0) {
                    int oldValue = byName.getOrDefault(p.getName() == null ? "" : p.getName(), 0);
                    if (!used.contains(oldValue)) {
                        p.setNodePort(oldValue == 0 ? null : oldValue);
                    }
                }
            }
        }
        if (ServiceRules.needsHealthCheck(old) && ServiceRules.needsHealthCheck(spec)
                && (spec.getHealthCheckNodePort() == null || spec.getHealthCheckNodePort() == 0)) {
            spec.setHealthCheckNodePort(old.getHealthCheckNodePort());
        }
    }

    /** Upstream {@code NormalizeClusterIPs} for updates: keep clusterIP and clusterIPs in step. */
    static void normalizeClusterIps(ServiceSpec spec, ServiceSpec old) {
        boolean clusterIpEmpty = empty(spec.getClusterIP());
        if (clusterIpEmpty && nn(spec.getClusterIPs()).isEmpty()) {
            return;
        }
        boolean sameIps = Objects.equals(nn(spec.getClusterIPs()), nn(old.getClusterIPs()));
        if (!empty(old.getClusterIP()) && clusterIpEmpty) {
            if (sameIps) {
                spec.setClusterIPs(null);
            }
            return;
        }
        if (!empty(old.getClusterIP()) && !clusterIpEmpty && !old.getClusterIP().equals(spec.getClusterIP()) && sameIps) {
            spec.setClusterIPs(new ArrayList<>(List.of(spec.getClusterIP())));
            return;
        }
        if (!clusterIpEmpty && nn(spec.getClusterIPs()).isEmpty()) {
            spec.setClusterIPs(new ArrayList<>(List.of(spec.getClusterIP())));
        }
    }

    /** Upstream {@code dropTypeDependentFields}: clear what a type change made meaningless, if untouched. */
    static void dropTypeDependentFields(ServiceSpec spec, ServiceSpec old) {
        if (ServiceRules.needsClusterIp(old) && !ServiceRules.needsClusterIp(spec)) {
            if (Objects.equals(nn(spec.getClusterIPs()), nn(old.getClusterIPs()))) {
                spec.setClusterIP(null);
                spec.setClusterIPs(null);
            }
            if (Objects.equals(nn(spec.getIpFamilies()), nn(old.getIpFamilies()))) {
                spec.setIpFamilies(null);
            }
            if (Objects.equals(spec.getIpFamilyPolicy(), old.getIpFamilyPolicy())) {
                spec.setIpFamilyPolicy(null);
            }
        }
        if (ServiceRules.needsNodePort(old) && !ServiceRules.needsNodePort(spec) && nodePorts(old).equals(nodePorts(spec))) {
            for (ServicePort p : nn(spec.getPorts())) {
                p.setNodePort(null);
            }
        }
        if ("LoadBalancer".equals(old.getType()) && !"LoadBalancer".equals(spec.getType())
                && spec.getAllocateLoadBalancerNodePorts() != null
                && Objects.equals(spec.getAllocateLoadBalancerNodePorts(), old.getAllocateLoadBalancerNodePorts())) {
            spec.setAllocateLoadBalancerNodePorts(null);
        }
        if (ServiceRules.needsHealthCheck(old) && !ServiceRules.needsHealthCheck(spec)
                && Objects.equals(spec.getHealthCheckNodePort(), old.getHealthCheckNodePort())) {
            spec.setHealthCheckNodePort(null);
        }
        if ("LoadBalancer".equals(old.getType()) && !"LoadBalancer".equals(spec.getType())
                && Objects.equals(spec.getLoadBalancerClass(), old.getLoadBalancerClass())) {
            spec.setLoadBalancerClass(null);
        }
        if (ServiceRules.externallyAccessible(old) && !ServiceRules.externallyAccessible(spec)
                && Objects.equals(spec.getExternalTrafficPolicy(), old.getExternalTrafficPolicy())) {
            spec.setExternalTrafficPolicy(null);
        }
        if ("ExternalName".equals(spec.getType()) && !"ExternalName".equals(old.getType())
                && Objects.equals(spec.getInternalTrafficPolicy(), old.getInternalTrafficPolicy())) {
            spec.setInternalTrafficPolicy(null);
        }
    }

    private static Set<Integer> nodePorts(ServiceSpec spec) {
        Set<Integer> ports = new HashSet<>();
        for (ServicePort p : nn(spec.getPorts())) {
            if (p.getNodePort() != null && p.getNodePort() != 0) {
                ports.add(p.getNodePort());
            }
        }
        return ports;
    }

    private static ServiceSpec spec(Service svc) {
        if (svc.getSpec() == null) {
            svc.setSpec(new ServiceSpec());
        }
        return svc.getSpec();
    }

    /** PUT creates a missing object, as upstream allows for this type. */
    @Override
    public boolean allowCreateOnUpdate() {
        return true;
    }
}
