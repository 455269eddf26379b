package io.kubeboot.apiserver.registry.services;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.SessionAffinityConfig;
import io.kubeboot.api.validation.Dns;
import io.kubeboot.api.validation.FieldErrors;
import io.kubeboot.api.validation.FieldPath;
import io.kubeboot.api.validation.FieldValidators;
import io.kubeboot.api.validation.GoValue;
import io.kubeboot.api.validation.IpAddress;
import io.kubeboot.api.validation.LabelValidation;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static io.kubeboot.apiserver.registry.services.ServiceDefaults.empty;
import static io.kubeboot.apiserver.registry.services.ServiceDefaults.nn;

/**
 * Services as upstream's {@code ValidateService} / {@code ValidateServiceUpdate}, ObjectMeta aside.
 * Field paths keep upstream's quirks ({@code spec.LoadBalancerSourceRanges},
 * {@code allocateLoadBalancerNodePorts} without {@code spec.}).
 */
public final class ServiceValidation {
    private ServiceValidation() {
    }

    private static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");
    private static final List<String> TYPES = List.of("ClusterIP", "ExternalName", "LoadBalancer", "NodePort");
    static final int MAX_CLIENT_IP_AFFINITY_SECONDS = 86400;
    private static final String TOPOLOGY_HINTS = "service.kubernetes.io/topology-aware-hints";
    private static final String TOPOLOGY_MODE = "service.kubernetes.io/topology-mode";
    private static final String LB_SOURCE_RANGES = "service.beta.kubernetes.io/load-balancer-source-ranges";

    public static FieldErrors validate(Service svc) {
        FieldErrors errs = new FieldErrors();
        ServiceSpec spec = svc.getSpec() == null ? new ServiceSpec() : svc.getSpec();
        Map<String, String> annotations = svc.getMetadata() == null || svc.getMetadata().getAnnotations() == null
                ? Map.of() : svc.getMetadata().getAnnotations();
        if (annotations.containsKey(TOPOLOGY_MODE) && annotations.containsKey(TOPOLOGY_HINTS)
                && !annotations.get(TOPOLOGY_MODE).equals(annotations.get(TOPOLOGY_HINTS))) {
            errs.invalid(FieldPath.of("metadata", "annotations").key(TOPOLOGY_MODE), annotations.get(TOPOLOGY_MODE),
                    "must match annotations[" + TOPOLOGY_HINTS + "] when both are specified");
        }
        FieldPath specPath = FieldPath.of("spec");
        String type = spec.getType() == null ? "" : spec.getType();
        boolean headless = ServiceRules.isHeadless(spec);
        List<ServicePort> ports = nn(spec.getPorts());
        if (ports.isEmpty() && !headless && !type.equals("ExternalName")) {
            errs.required(specPath.child("ports"), "");
        }
        switch (type) {
            case "LoadBalancer" -> {
                if (headless) {
                    errs.invalid(specPath.child("clusterIPs").index(0), spec.getClusterIPs().get(0),
                            "may not be set to 'None' for LoadBalancer services");
                }
            }
            case "NodePort" -> {
                if (headless) {
                    errs.invalid(specPath.child("clusterIPs").index(0), spec.getClusterIPs().get(0),
                            "may not be set to 'None' for NodePort services");
                }
            }
            case "ExternalName" -> {
                if (!nn(spec.getClusterIPs()).isEmpty()) {
                    errs.forbidden(specPath.child("clusterIPs"), "may not be set for ExternalName services");
                }
                if (!nn(spec.getIpFamilies()).isEmpty()) {
                    errs.forbidden(specPath.child("ipFamilies"), "may not be set for ExternalName services");
                }
                if (spec.getIpFamilyPolicy() != null) {
                    errs.forbidden(specPath.child("ipFamilyPolicy"), "may not be set for ExternalName services");
                }
                String cname = spec.getExternalName() == null ? "" : spec.getExternalName();
                if (cname.endsWith(".")) {
                    cname = cname.substring(0, cname.length() - 1);
                }
                if (!cname.isEmpty()) {
                    errs.addAll(FieldValidators.dns1123Subdomain(cname, specPath.child("externalName")));
                } else {
                    errs.required(specPath.child("externalName"), "");
                }
            }
            default -> {
            }
        }
        Set<String> portNames = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            errs.addAll(servicePort(ports.get(i), ports.size() > 1, portNames, specPath.child("ports").index(i)));
        }
        if (spec.getSelector() != null) {
            errs.addAll(LabelValidation.validateLabels(spec.getSelector(), specPath.child("selector")));
        }
        String affinity = spec.getSessionAffinity() == null ? "" : spec.getSessionAffinity();
        if (affinity.isEmpty()) {
            errs.required(specPath.child("sessionAffinity"), "");
        } else if (!affinity.equals("ClientIP") && !affinity.equals("None")) {
            errs.notSupported(specPath.child("sessionAffinity"), affinity, List.of("ClientIP", "None"));
        }
        if (affinity.equals("ClientIP")) {
            errs.addAll(clientIpAffinity(spec.getSessionAffinityConfig(), specPath.child("sessionAffinityConfig")));
        } else if (affinity.equals("None") && spec.getSessionAffinityConfig() != null) {
            errs.forbidden(specPath.child("sessionAffinityConfig"), "must not be set when session affinity is None");
        }
        errs.addAll(clusterIpsRelated(spec));
        List<String> externalIps = nn(spec.getExternalIPs());
        for (int i = 0; i < externalIps.size(); i++) {
            FieldPath p = specPath.child("externalIPs").index(i);
            FieldErrors ipErrs = FieldValidators.ip(externalIps.get(i), p);
            errs.addAll(ipErrs.isEmpty() ? FieldValidators.nonSpecialIp(externalIps.get(i), p) : ipErrs);
        }
        if (type.isEmpty()) {
            errs.required(specPath.child("type"), "");
        } else if (!TYPES.contains(type)) {
            errs.notSupported(specPath.child("type"), type, TYPES);
        }
        if (type.equals("ClusterIP")) {
            for (int i = 0; i < ports.size(); i++) {
                if (nodePort(ports.get(i)) != 0) {
                    errs.forbidden(specPath.child("ports").index(i).child("nodePort"), "may not be used when `type` is 'ClusterIP'");
                }
            }
        }
        Set<String> nodePorts = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            int np = nodePort(ports.get(i));
            if (np != 0 && !nodePorts.add(ports.get(i).getProtocol() + "/" + np)) {
                errs.duplicate(specPath.child("ports").index(i).child("nodePort"), np);
            }
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            ServicePort p = ports.get(i);
            int port = p.getPort() == null ? 0 : p.getPort();
            String protocol = p.getProtocol() == null ? "" : p.getProtocol();
            if (!seen.add(protocol + "/" + port)) {
                // upstream prints the (protocol, port) key struct with %#v
                errs.duplicate(specPath.child("ports").index(i), new GoValue("core.ServicePort{Name:\"\", Protocol:\""
                        + protocol + "\", AppProtocol:(*string)(nil), Port:" + port
                        + ", TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}, NodePort:0}"));
            }
        }
        List<String> ranges = nn(spec.getLoadBalancerSourceRanges());
        if (!ranges.isEmpty()) {
            FieldPath p = specPath.child("LoadBalancerSourceRanges");
            if (!type.equals("LoadBalancer")) {
                errs.forbidden(p, "may only be used when `type` is 'LoadBalancer'");
            }
            for (int i = 0; i < ranges.size(); i++) {
                errs.addAll(FieldValidators.cidr(ranges.get(i).strip(), p.index(i)));
            }
        } else if (annotations.containsKey(LB_SOURCE_RANGES)) {
            FieldPath p = FieldPath.of("metadata", "annotations").key(LB_SOURCE_RANGES);
            if (!type.equals("LoadBalancer")) {
                errs.forbidden(p, "may only be used when `type` is 'LoadBalancer'");
            }
            String val = annotations.get(LB_SOURCE_RANGES).strip();
            if (!val.isEmpty()) {
                for (String cidr : val.split(",", -1)) {
                    errs.addAll(FieldValidators.cidr(cidr.strip(), p));
                }
            }
        }
        if (spec.getAllocateLoadBalancerNodePorts() != null && !type.equals("LoadBalancer")) {
            errs.forbidden(specPath.child("allocateLoadBalancerNodePorts"), "may only be used when `type` is 'LoadBalancer'");
        }
        if (type.equals("LoadBalancer") && spec.getAllocateLoadBalancerNodePorts() == null) {
            errs.required(FieldPath.of("allocateLoadBalancerNodePorts"), "");
        }
        if (type.equals("LoadBalancer")) {
            if (spec.getLoadBalancerClass() != null) {
                errs.addAll(FieldValidators.qualifiedName(spec.getLoadBalancerClass(), specPath.child("loadBalancerClass")));
            }
        } else if (spec.getLoadBalancerClass() != null) {
            errs.forbidden(specPath.child("loadBalancerClass"), "may only be used when `type` is 'LoadBalancer'");
        }
        errs.addAll(externalTrafficPolicy(spec, specPath));
        if (spec.getInternalTrafficPolicy() == null) {
            if (List.of("NodePort", "LoadBalancer", "ClusterIP").contains(type)) {
                errs.required(specPath.child("internalTrafficPolicy"), "");
            }
        } else if (!spec.getInternalTrafficPolicy().equals("Cluster") && !spec.getInternalTrafficPolicy().equals("Local")) {
            errs.notSupported(specPath.child("internalTrafficPolicy"), spec.getInternalTrafficPolicy(), List.of("Cluster", "Local"));
        }
        if (spec.getTrafficDistribution() != null && !spec.getTrafficDistribution().equals("PreferClose")) {
            errs.notSupported(specPath.child("trafficDistribution"), spec.getTrafficDistribution(), List.of("PreferClose"));
        }
        return errs;
    }

    private static FieldErrors servicePort(ServicePort sp, boolean requireName, Set<String> names, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        String name = sp.getName() == null ? "" : sp.getName();
        if (requireName && name.isEmpty()) {
            errs.required(path.child("name"), "");
        } else if (!name.isEmpty()) {
            errs.addAll(FieldValidators.dns1123Label(name, path.child("name")));
            if (!names.add(name)) {
                errs.duplicate(path.child("name"), name);
            }
        }
        int port = sp.getPort() == null ? 0 : sp.getPort();
        errs.addAll(FieldValidators.invalidEach(Dns.isValidPortNum(port), path.child("port"), port));
        String protocol = sp.getProtocol() == null ? "" : sp.getProtocol();
        if (protocol.isEmpty()) {
            errs.required(path.child("protocol"), "");
        } else if (!PROTOCOLS.contains(protocol)) {
            errs.notSupported(path.child("protocol"), protocol, PROTOCOLS);
        }
        errs.addAll(FieldValidators.portNumOrName(sp.getTargetPort(), path.child("targetPort")));
        if (sp.getAppProtocol() != null) {
            errs.addAll(FieldValidators.qualifiedName(sp.getAppProtocol(), path.child("appProtocol")));
        }
        return errs;
    }

    private static FieldErrors clientIpAffinity(SessionAffinityConfig config, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        String when = "when session affinity type is ClientIP";
        if (config == null) {
            return errs.required(path, when);
        }
        if (config.getClientIP() == null) {
            return errs.required(path.child("clientIP"), when);
        }
        Integer timeout = config.getClientIP().getTimeoutSeconds();
        if (timeout == null) {
            return errs.required(path.child("clientIP", "timeoutSeconds"), when);
        }
        if (timeout <= 0 || timeout > MAX_CLIENT_IP_AFFINITY_SECONDS) {
            errs.invalid(path.child("clientIP", "timeoutSeconds"), timeout,
                    "must be greater than 0 and less than " + MAX_CLIENT_IP_AFFINITY_SECONDS);
        }
        return errs;
    }

    private static FieldErrors externalTrafficPolicy(ServiceSpec spec, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        String etp = spec.getExternalTrafficPolicy() == null ? "" : spec.getExternalTrafficPolicy();
        if (!ServiceRules.externallyAccessible(spec)) {
            if (!etp.isEmpty()) {
                errs.invalid(path.child("externalTrafficPolicy"), etp, "may only be set for externally-accessible services");
            }
        } else if (etp.isEmpty()) {
            errs.required(path.child("externalTrafficPolicy"), "");
        } else if (!etp.equals("Cluster") && !etp.equals("Local")) {
            errs.notSupported(path.child("externalTrafficPolicy"), etp, List.of("Cluster", "Local"));
        }
        int hc = spec.getHealthCheckNodePort() == null ? 0 : spec.getHealthCheckNodePort();
        if (!ServiceRules.needsHealthCheck(spec)) {
            if (hc != 0) {
                errs.invalid(path.child("healthCheckNodePort"), hc,
                        "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'");
            }
        } else if (hc == 0) {
            // 0 means "allocate one": the registry allocates before validation
            errs.required(path.child("healthCheckNodePort"), "");
        } else {
            errs.addAll(FieldValidators.invalidEach(Dns.isValidPortNum(hc), path.child("healthCheckNodePort"), hc));
        }
        return errs;
    }

    /** Upstream {@code ValidateServiceClusterIPsRelatedFields}. */
    static FieldErrors clusterIpsRelated(ServiceSpec spec) {
        FieldErrors errs = new FieldErrors();
        if ("ExternalName".equals(spec.getType())) {
            return errs;
        }
        FieldPath ipsPath = FieldPath.of("spec", "clusterIPs");
        FieldPath familiesPath = FieldPath.of("spec", "ipFamilies");
        List<String> ips = nn(spec.getClusterIPs());
        GoValue ipsValue = GoValue.stringSlice(ips);
        if (!empty(spec.getClusterIP())) {
            if (ips.isEmpty()) {
                errs.required(ipsPath, "");
            } else if (!ips.get(0).equals(spec.getClusterIP())) {
                errs.invalid(ipsPath, ipsValue, "first value must match `clusterIP`");
            }
        } else if (!ips.isEmpty()) {
            errs.invalid(ipsPath, ipsValue, "must be empty when `clusterIP` is not specified");
        }
        List<String> families = nn(spec.getIpFamilies());
        Set<String> seenFamilies = new HashSet<>();
        for (int i = 0; i < families.size(); i++) {
            String f = families.get(i);
            if (!f.equals("IPv4") && !f.equals("IPv6")) {
                errs.notSupported(familiesPath.index(i), f, List.of("IPv4", "IPv6"));
            }
            if (!seenFamilies.add(f)) {
                errs.duplicate(familiesPath.index(i), f);
            }
        }
        if (spec.getIpFamilyPolicy() != null && !List.of("SingleStack", "PreferDualStack", "RequireDualStack")
                .contains(spec.getIpFamilyPolicy())) {
            errs.notSupported(FieldPath.of("spec", "ipFamilyPolicy"), spec.getIpFamilyPolicy(),
                    List.of("PreferDualStack", "RequireDualStack", "SingleStack"));
        }
        boolean invalidIps = false;
        for (int i = 0; i < ips.size(); i++) {
            String ip = ips.get(i);
            if (i == 0 && ip.equals(ServiceRules.CLUSTER_IP_NONE)) {
                if (ips.size() > 1) {
                    invalidIps = true;
                    errs.invalid(ipsPath, ipsValue, "'None' must be the first and only value");
                }
                continue;
            }
            FieldErrors ipErrs = FieldValidators.ip(ip, ipsPath.index(i));
            invalidIps |= !ipErrs.isEmpty();
            errs.addAll(ipErrs);
        }
        if (ips.size() > 2) {
            errs.invalid(ipsPath, ipsValue, "may only hold up to 2 values");
        }
        if (invalidIps) {
            return errs;
        }
        if (ips.size() > 1) {
            IpAddress a = IpAddress.parse(ips.get(0));
            IpAddress b = IpAddress.parse(ips.get(1));
            if (ips.size() != 2 || a == null || b == null || a.isIpv4() == b.isIpv4()) {
                errs.invalid(ipsPath, ipsValue, "may specify no more than one IP for each IP family");
            }
        }
        if (!ServiceRules.isHeadless(spec) && !ips.isEmpty() && !families.isEmpty()) {
            for (int i = 0; i < ips.size() && i < families.size(); i++) {
                IpAddress ip = IpAddress.parse(ips.get(i));
                boolean v6 = ip != null && !ip.isIpv4();
                if (families.get(i).equals("IPv4") && v6) {
                    errs.invalid(ipsPath.index(i), ips.get(i), "expected an IPv4 value as indicated by `ipFamilies[" + i + "]`");
                }
                if (families.get(i).equals("IPv6") && !v6) {
                    errs.invalid(ipsPath.index(i), ips.get(i), "expected an IPv6 value as indicated by `ipFamilies[" + i + "]`");
                }
            }
        }
        return errs;
    }

    /** Upstream {@code ValidateServiceUpdate} minus ObjectMeta: clusterIPs and families fixed once set. */
    public static FieldErrors validateUpdate(Service svc, Service old) {
        FieldErrors errs = new FieldErrors();
        ServiceSpec n = svc.getSpec() == null ? new ServiceSpec() : svc.getSpec();
        ServiceSpec o = old.getSpec() == null ? new ServiceSpec() : old.getSpec();
        boolean externalName = "ExternalName".equals(n.getType()) || "ExternalName".equals(o.getType());
        if (!externalName) {
            errs.addAll(upgradeDowngradeClusterIps(n, o));
            errs.addAll(upgradeDowngradeFamilies(n, o));
        }
        if ("LoadBalancer".equals(o.getType()) && "LoadBalancer".equals(n.getType())
                && !Objects.equals(o.getLoadBalancerClass(), n.getLoadBalancerClass())) {
            errs.invalid(FieldPath.of("spec", "loadBalancerClass"),
                    n.getLoadBalancerClass() == null ? "null" : n.getLoadBalancerClass(), "may not change once set");
        }
        if (ServiceRules.needsHealthCheck(o) && ServiceRules.needsHealthCheck(n)
                && !Objects.equals(o.getHealthCheckNodePort(), n.getHealthCheckNodePort())) {
            errs.forbidden(FieldPath.of("spec", "healthCheckNodePort"), "field is immutable");
        }
        return errs.addAll(validate(svc));
    }

    private static FieldErrors upgradeDowngradeClusterIps(ServiceSpec n, ServiceSpec o) {
        FieldErrors errs = new FieldErrors();
        if (ServiceRules.isHeadless(o) && ServiceRules.isHeadless(n)) {
            return errs;
        }
        List<String> oldIps = nn(o.getClusterIPs());
        List<String> newIps = nn(n.getClusterIPs());
        GoValue value = GoValue.stringSlice(newIps);
        FieldPath path = FieldPath.of("spec", "clusterIPs");
        if (oldIps.size() == newIps.size()) {
            for (int i = 0; i < oldIps.size(); i++) {
                if (!oldIps.get(i).equals(newIps.get(i))) {
                    errs.invalid(path.index(i), value, "may not change once set");
                }
            }
        } else if (oldIps.size() > newIps.size()) {
            if (newIps.isEmpty()) {
                errs.invalid(path.index(0), value, "primary clusterIP can not be unset");
            }
            if (!oldIps.isEmpty() && !newIps.isEmpty() && !newIps.get(0).equals(oldIps.get(0))) {
                errs.invalid(path.index(0), value, "may not change once set");
            }
            if (newIps.size() == 1 && !"SingleStack".equals(n.getIpFamilyPolicy())) {
                errs.invalid(FieldPath.of("spec", "ipFamilyPolicy"), policyValue(n),
                        "must be set to 'SingleStack' when releasing the secondary clusterIP");
            }
        } else if (!oldIps.isEmpty() && !newIps.get(0).equals(oldIps.get(0))) {
            errs.invalid(path.index(0), value, "may not change once set");
        }
        return errs;
    }

    private static FieldErrors upgradeDowngradeFamilies(ServiceSpec n, ServiceSpec o) {
        FieldErrors errs = new FieldErrors();
        if (ServiceRules.isHeadless(o) || ServiceRules.isHeadless(n)) {
            return errs;
        }
        List<String> oldF = nn(o.getIpFamilies());
        List<String> newF = nn(n.getIpFamilies());
        FieldPath path = FieldPath.of("spec", "ipFamilies").index(0);
        if (oldF.size() == newF.size()) {
            for (int i = 0; i < oldF.size(); i++) {
                if (!oldF.get(i).equals(newF.get(i))) {
                    errs.invalid(path, GoValue.stringSlice(newF), "may not change once set");
                }
            }
        } else if (oldF.size() > newF.size()) {
            if (nn(n.getClusterIPs()).isEmpty()) {
                errs.invalid(path, GoValue.stringSlice(newF), "primary ipFamily can not be unset");
            }
            if (!newF.isEmpty() && !newF.get(0).equals(oldF.get(0))) {
                errs.invalid(path, GoValue.stringSlice(nn(n.getClusterIPs())), "may not change once set");
            }
            if (newF.size() == 1 && !"SingleStack".equals(n.getIpFamilyPolicy())) {
                errs.invalid(FieldPath.of("spec", "ipFamilyPolicy"), policyValue(n),
                        "must be set to 'SingleStack' when releasing the secondary ipFamily");
            }
        } else if (!oldF.isEmpty() && !newF.isEmpty() && !newF.get(0).equals(oldF.get(0))) {
            errs.invalid(path, GoValue.stringSlice(nn(n.getClusterIPs())), "may not change once set");
        }
        return errs;
    }

    private static Object policyValue(ServiceSpec spec) {
        return spec.getIpFamilyPolicy() == null ? "null" : spec.getIpFamilyPolicy();
    }

    private static int nodePort(ServicePort p) {
        return p.getNodePort() == null ? 0 : p.getNodePort();
    }

    static boolean targetPortUnset(IntOrString t) {
        return t == null || (t.getIntVal() == null && t.getStrVal() == null);
    }
}
