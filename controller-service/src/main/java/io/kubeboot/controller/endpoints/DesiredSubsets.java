package io.kubeboot.controller.endpoints;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointAddressBuilder;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.EndpointSubsetBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.kubeboot.controller.endpointslice.EndpointPods;
import io.kubeboot.controller.util.PodConditions;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The subsets the Endpoints controller wants for a Service (the pod loop of upstream {@code syncService}): every
 * selected pod that should be published gives one address (IP of the Service's first IP family, targetRef, nodeName,
 * hostname when the pod's subdomain names the Service) per resolvable service port, ready or not ready by the pod's
 * Ready condition (all ready with publishNotReadyAddresses); ports that do not resolve on a pod are skipped for it;
 * a headless Service without ports gets port-less addresses. The result is repacked ({@link EndpointSubsets#repack}).
 * Pure.
 */
public final class DesiredSubsets {
    private DesiredSubsets() {
    }

    /** The subsets and how many ready/not-ready address-port pairs went in. */
    public record Result(List<EndpointSubset> subsets, int ready, int notReady) {
    }

    public static Result compute(Service service, List<Pod> pods) {
        boolean publishNotReady = Boolean.TRUE.equals(service.getSpec().getPublishNotReadyAddresses());
        List<ServicePort> ports = service.getSpec().getPorts() == null ? List.of() : service.getSpec().getPorts();
        List<EndpointSubset> subsets = new ArrayList<>();
        int ready = 0;
        int notReady = 0;
        for (Pod pod : pods) {
            if (!EndpointPods.shouldPodBeInEndpoints(pod, publishNotReady)) {
                continue;
            }
            Optional<EndpointAddress> address = addressFor(service, pod);
            if (address.isEmpty()) {
                // e.g. a single-stack pod of the other family during a dual-stack migration
                continue;
            }
            boolean isReady = publishNotReady || PodConditions.isPodReady(pod);
            if (ports.isEmpty()) {
                if (EndpointPods.CLUSTER_IP_NONE.equals(service.getSpec().getClusterIP())) {
                    subsets.add(subset(address.get(), null, isReady));
                    if (isReady) {
                        ready++;
                    } else {
                        notReady++;
                    }
                }
                continue;
            }
            for (ServicePort sp : ports) {
                OptionalInt num = EndpointPods.findPort(pod, sp);
                if (num.isEmpty()) {
                    continue;
                }
                EndpointPort epp = new EndpointPortBuilder().withName(sp.getName()).withPort(num.getAsInt())
                        .withProtocol(sp.getProtocol()).withAppProtocol(sp.getAppProtocol()).build();
                subsets.add(subset(address.get(), epp, isReady));
                if (isReady) {
                    ready++;
                } else {
                    notReady++;
                }
            }
        }
        return new Result(EndpointSubsets.repack(subsets), ready, notReady);
    }

    private static EndpointSubset subset(EndpointAddress a, EndpointPort port, boolean ready) {
        EndpointSubsetBuilder b = new EndpointSubsetBuilder().withPorts(port == null ? List.of() : List.of(port));
        return ready ? b.withAddresses(new EndpointAddressBuilder(a).build()).build()
                : b.withNotReadyAddresses(new EndpointAddressBuilder(a).build()).build();
    }

    /**
     * Upstream {@code podToEndpointAddressForService}: the pod IP of the Service's family (its first ipFamilies entry;
     * without one, the family of its clusterIP, or of the pod's IP when headless).
     */
    static Optional<EndpointAddress> addressFor(Service svc, Pod pod) {
        List<String> ips = EndpointPods.podIps(pod);
        boolean ipv6;
        List<String> families = svc.getSpec().getIpFamilies();
        if (families != null && !families.isEmpty()) {
            ipv6 = "IPv6".equals(families.get(0));
        } else if (EndpointPods.isServiceIpSet(svc)) {
            ipv6 = EndpointPods.isIpv6(svc.getSpec().getClusterIP());
        } else {
            ipv6 = EndpointPods.isIpv6(pod.getStatus().getPodIP());
        }
        String ip = ips.stream().filter(i -> EndpointPods.isIpv6(i) == ipv6).findFirst().orElse(null);
        if (ip == null) {
            return Optional.empty();
        }
        EndpointAddressBuilder b = new EndpointAddressBuilder()
                .withIp(ip)
                .withNodeName(PodConditions.nodeName(pod))
                .withNewTargetRef()
                .withKind("Pod")
                .withNamespace(pod.getMetadata().getNamespace())
                .withName(pod.getMetadata().getName())
                .withUid(pod.getMetadata().getUid())
                .endTargetRef();
        if (EndpointPods.shouldSetHostname(pod, svc)) {
            b.withHostname(pod.getSpec().getHostname());
        }
        return Optional.of(b.build());
    }
}
