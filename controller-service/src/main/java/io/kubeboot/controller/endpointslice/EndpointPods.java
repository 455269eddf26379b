package io.kubeboot.controller.endpointslice;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.kubeboot.controller.util.PodConditions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The pod-facing rules shared by the Endpoints and EndpointSlice controllers (upstream {@code k8s.io/endpointslice/util}
 * and {@code FindPort}): which pods are published, with which IPs, hostnames and ports. Pure.
 */
public final class EndpointPods {
    /** Upstream {@code v1.ClusterIPNone}. */
    public static final String CLUSTER_IP_NONE = "None";
    /** Upstream {@code v1.IsHeadlessService}: set (empty) on the Endpoints/EndpointSlices of headless Services. */
    public static final String HEADLESS_LABEL = "service.kubernetes.io/headless";
    /** Upstream {@code v1.EndpointsLastChangeTriggerTime}. */
    public static final String LAST_CHANGE_TRIGGER_TIME = "endpoints.kubernetes.io/last-change-trigger-time";

    private EndpointPods() {
    }

    /**
     * Upstream {@code ShouldPodBeInEndpoints}: not terminal (Succeeded/Failed), has an IP, and is not being deleted
     * unless {@code includeTerminating}.
     */
    public static boolean shouldPodBeInEndpoints(Pod pod, boolean includeTerminating) {
        String phase = PodConditions.phase(pod);
        if ("Failed".equals(phase) || "Succeeded".equals(phase)) {
            return false;
        }
        if (podIps(pod).isEmpty()) {
            return false;
        }
        return includeTerminating || pod.getMetadata().getDeletionTimestamp() == null;
    }

    /** Upstream {@code ShouldSetHostname}: the pod has a hostname and its subdomain names the Service (same namespace). */
    public static boolean shouldSetHostname(Pod pod, Service svc) {
        String hostname = pod.getSpec() == null ? null : pod.getSpec().getHostname();
        return hostname != null && !hostname.isEmpty()
                && Objects.equals(pod.getSpec().getSubdomain(), svc.getMetadata().getName())
                && Objects.equals(svc.getMetadata().getNamespace(), pod.getMetadata().getNamespace());
    }

    /**
     * The pod's IPs: {@code status.podIPs}, or {@code status.podIP} alone when the list is empty (as the v1 conversion
     * fills podIPs from podIP).
     */
    public static List<String> podIps(Pod pod) {
        if (pod.getStatus() == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (pod.getStatus().getPodIPs() != null) {
            for (PodIP ip : pod.getStatus().getPodIPs()) {
                if (ip != null && ip.getIp() != null && !ip.getIp().isEmpty()) {
                    out.add(ip.getIp());
                }
            }
        }
        if (out.isEmpty() && pod.getStatus().getPodIP() != null && !pod.getStatus().getPodIP().isEmpty()) {
            out.add(pod.getStatus().getPodIP());
        }
        return out;
    }

    public static boolean isIpv6(String ip) {
        return ip != null && ip.contains(":");
    }

    /**
     * Upstream {@code FindPort}: a numeric targetPort as is; a named one looked up (same protocol) among the
     * containers' ports, then among sidecars (init containers with restartPolicy Always). An absent targetPort means
     * the service port itself (the API defaults it so).
     */
    public static OptionalInt findPort(Pod pod, ServicePort svcPort) {
        IntOrString target = svcPort.getTargetPort();
        if (target == null || (target.getIntVal() == null && target.getStrVal() == null)) {
            return svcPort.getPort() == null ? OptionalInt.empty() : OptionalInt.of(svcPort.getPort());
        }
        if (target.getIntVal() != null) {
            return OptionalInt.of(target.getIntVal());
        }
        String name = target.getStrVal();
        String protocol = protocol(svcPort.getProtocol());
        if (pod.getSpec() == null) {
            return OptionalInt.empty();
        }
        OptionalInt found = findNamed(pod.getSpec().getContainers(), name, protocol, false);
        if (found.isPresent()) {
            return found;
        }
        return findNamed(pod.getSpec().getInitContainers(), name, protocol, true);
    }

    private static OptionalInt findNamed(List<Container> containers, String name, String protocol, boolean sidecarsOnly) {
        if (containers == null) {
            return OptionalInt.empty();
        }
        for (Container c : containers) {
            if (sidecarsOnly && !"Always".equals(c.getRestartPolicy())) {
                continue;
            }
            if (c.getPorts() == null) {
                continue;
            }
            for (ContainerPort p : c.getPorts()) {
                if (name.equals(p.getName()) && protocol.equals(protocol(p.getProtocol())) && p.getContainerPort() != null) {
                    return OptionalInt.of(p.getContainerPort());
                }
            }
        }
        return OptionalInt.empty();
    }

    /** A port protocol as the API defaults it: TCP when unset. */
    public static String protocol(String p) {
        return p == null || p.isEmpty() ? "TCP" : p;
    }

    /**
     * The Service's selector, or null when it has none. The model cannot tell an absent selector from {@code {}}; as
     * upstream's storage drops empty maps, both mean "no selector".
     */
    public static Map<String, String> selector(Service svc) {
        Map<String, String> s = svc.getSpec() == null ? null : svc.getSpec().getSelector();
        return s == null || s.isEmpty() ? null : s;
    }

    /** Upstream {@code IsServiceIPSet}: a cluster IP other than None. */
    public static boolean isServiceIpSet(Service svc) {
        String ip = svc.getSpec() == null ? null : svc.getSpec().getClusterIP();
        return ip != null && !ip.isEmpty() && !CLUSTER_IP_NONE.equals(ip);
    }

    public static boolean isExternalName(Service svc) {
        return svc.getSpec() != null && "ExternalName".equals(svc.getSpec().getType());
    }
}
