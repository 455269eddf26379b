package io.kubeboot.controller.endpointslice;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointConditions;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.kubeboot.api.validation.NameValidation;
import io.kubeboot.controller.util.PodConditions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Upstream {@code k8s.io/endpointslice/utils.go}: how pods become slice endpoints and how slices are named, labelled,
 * owned and chosen for filling. Pure.
 */
public final class SliceShapes {
    /** Upstream {@code discovery.LabelServiceName}. */
    public static final String LABEL_SERVICE_NAME = "kubernetes.io/service-name";
    /** Upstream {@code discovery.LabelManagedBy}. */
    public static final String LABEL_MANAGED_BY = "endpointslice.kubernetes.io/managed-by";
    /** The managed-by value of this controller's slices. */
    public static final String CONTROLLER_NAME = "endpointslice-controller.k8s.io";
    /** Upstream {@code v1.LabelTopologyZone}. */
    public static final String LABEL_ZONE = "topology.kubernetes.io/zone";
    public static final String IPV4 = "IPv4";
    public static final String IPV6 = "IPv6";

    private SliceShapes() {
    }

    /**
     * The ports of a group of endpoints, as a key: two port lists with the same entries (in any order, an absent
     * name or appProtocol equal to an empty one) map to the same slices.
     */
    public record PortMapKey(List<String> ports) {
        public static PortMapKey of(List<EndpointPort> ports) {
            List<String> l = new ArrayList<>();
            for (EndpointPort p : ports == null ? List.<EndpointPort>of() : ports) {
                l.add(portText(p));
            }
            l.sort(null);
            return new PortMapKey(List.copyOf(l));
        }
    }

    private static String portText(EndpointPort p) {
        return nz(p.getName()) + "|" + p.getPort() + "|" + EndpointPods.protocol(p.getProtocol()) + "|" + nz(p.getAppProtocol());
    }

    /**
     * Upstream {@code podToEndpoint}: addresses of {@code addressType}; serving = pod Ready; terminating = being
     * deleted; ready = publishNotReadyAddresses or (serving and not terminating); targetRef, nodeName, the node's
     * zone label, hostname when the pod's subdomain names the Service.
     */
    public static Endpoint podToEndpoint(Pod pod, Node node, Service svc, String addressType) {
        boolean serving = PodConditions.isPodReady(pod);
        boolean terminating = pod.getMetadata().getDeletionTimestamp() != null;
        boolean ready = Boolean.TRUE.equals(svc.getSpec().getPublishNotReadyAddresses()) || (serving && !terminating);
        EndpointBuilder b = new EndpointBuilder()
                .withAddresses(endpointAddresses(pod, addressType))
                .withNewConditions().withReady(ready).withServing(serving).withTerminating(terminating).endConditions()
                .withNewTargetRef()
                .withKind("Pod")
                .withNamespace(pod.getMetadata().getNamespace())
                .withName(pod.getMetadata().getName())
                .withUid(pod.getMetadata().getUid())
                .endTargetRef();
        String nodeName = PodConditions.nodeName(pod);
        if (!nodeName.isEmpty()) {
            b.withNodeName(nodeName);
        }
        if (node != null && node.getMetadata().getLabels() != null) {
            String zone = node.getMetadata().getLabels().get(LABEL_ZONE);
            if (zone != null && !zone.isEmpty()) {
                b.withZone(zone);
            }
        }
        if (EndpointPods.shouldSetHostname(pod, svc)) {
            b.withHostname(pod.getSpec().getHostname());
        }
        return b.build();
    }

    /** Upstream {@code getEndpointAddresses}: the pod IPs of the address type's family. */
    static List<String> endpointAddresses(Pod pod, String addressType) {
        List<String> out = new ArrayList<>();
        for (String ip : EndpointPods.podIps(pod)) {
            boolean v6 = EndpointPods.isIpv6(ip);
            if ((v6 && IPV6.equals(addressType)) || (!v6 && IPV4.equals(addressType))) {
                out.add(ip);
            }
        }
        return out;
    }

    /**
     * Upstream {@code getEndpointPorts}: one port per service port that resolves on the pod (name, number, protocol,
     * appProtocol); none for a headless Service without ports. Returned in the canonical order of {@link PortMapKey}.
     */
    public static List<EndpointPort> endpointPorts(Service svc, Pod pod) {
        List<ServicePort> ports = svc.getSpec().getPorts() == null ? List.of() : svc.getSpec().getPorts();
        List<EndpointPort> out = new ArrayList<>();
        if (ports.isEmpty() && EndpointPods.CLUSTER_IP_NONE.equals(svc.getSpec().getClusterIP())) {
            return out;
        }
        for (ServicePort sp : ports) {
            OptionalInt num = EndpointPods.findPort(pod, sp);
            if (num.isEmpty()) {
                continue;
            }
            out.add(new EndpointPortBuilder().withName(nz(sp.getName())).withPort(num.getAsInt())
                    .withProtocol(sp.getProtocol()).withAppProtocol(sp.getAppProtocol()).build());
        }
        out.sort(Comparator.comparing(SliceShapes::portText));
        return out;
    }

    /**
     * Upstream {@code getAddressTypesForService}: from spec.ipFamilies; without them the family of the clusterIP, and
     * both for a headless Service.
     */
    public static Set<String> addressTypes(Service svc) {
        Set<String> out = new LinkedHashSet<>();
        List<String> families = svc.getSpec().getIpFamilies();
        if (families != null) {
            for (String f : families) {
                if (IPV4.equals(f)) {
                    out.add(IPV4);
                } else if (IPV6.equals(f)) {
                    out.add(IPV6);
                }
            }
        }
        if (!out.isEmpty()) {
            return out;
        }
        if (EndpointPods.isServiceIpSet(svc)) {
            out.add(EndpointPods.isIpv6(svc.getSpec().getClusterIP()) ? IPV6 : IPV4);
            return out;
        }
        out.add(IPV4);
        out.add(IPV6);
        return out;
    }

    /** Upstream {@code newEndpointSlice}: generateName {@code <service>-}, controller reference to the Service, labels. */
    public static EndpointSlice newEndpointSlice(Service svc, List<EndpointPort> ports, String addressType, String controllerName) {
        OwnerReference owner = new OwnerReferenceBuilder().withApiVersion("v1").withKind("Service")
                .withName(svc.getMetadata().getName()).withUid(svc.getMetadata().getUid())
                .withController(true).withBlockOwnerDeletion(true).build();
        EndpointSlice slice = new EndpointSliceBuilder()
                .withNewMetadata()
                .withGenerateName(slicePrefix(svc.getMetadata().getName()))
                .withNamespace(svc.getMetadata().getNamespace())
                .withOwnerReferences(owner)
                .endMetadata()
                .withPorts(new ArrayList<>(ports))
                .withAddressType(addressType)
                .withEndpoints(new ArrayList<>())
                .build();
        slice.getMetadata().setLabels(sliceLabels(slice, svc, controllerName).labels());
        return slice;
    }

    /** Upstream {@code getEndpointSlicePrefix}: {@code <name>-} when that is a valid generateName prefix, else the name. */
    static String slicePrefix(String serviceName) {
        String prefix = serviceName + "-";
        return NameValidation.dns1123Subdomain(prefix, true).isEmpty() ? prefix : serviceName;
    }

    /** Upstream {@code ownedBy}: an owner reference v1/Service with the Service's uid. */
    public static boolean ownedBy(EndpointSlice slice, Service svc) {
        List<OwnerReference> refs = slice.getMetadata().getOwnerReferences();
        if (refs == null) {
            return false;
        }
        for (OwnerReference o : refs) {
            if (Objects.equals(o.getUid(), svc.getMetadata().getUid()) && "Service".equals(o.getKind()) && "v1".equals(o.getApiVersion())) {
                return true;
            }
        }
        return false;
    }

    /** The labels a slice should carry, and whether its non-reserved labels differ from the Service's. */
    public record Labels(Map<String, String> labels, boolean changed) {
    }

    /**
     * Upstream {@code setEndpointSliceLabels}: the Service's labels (its reserved ones ignored), plus the headless
     * label for headless Services, the service-name and managed-by labels.
     */
    public static Labels sliceLabels(EndpointSlice slice, Service svc, String controllerName) {
        Map<String, String> sliceLabels = new HashMap<>();
        if (slice.getMetadata().getLabels() != null) {
            slice.getMetadata().getLabels().forEach((k, v) -> {
                if (!isReserved(k)) {
                    sliceLabels.put(k, v);
                }
            });
        }
        Map<String, String> svcLabels = new HashMap<>();
        if (svc.getMetadata().getLabels() != null) {
            svc.getMetadata().getLabels().forEach((k, v) -> {
                if (!isReserved(k)) {
                    svcLabels.put(k, v);
                }
            });
        }
        boolean changed = !sliceLabels.equals(svcLabels);
        if (!EndpointPods.isServiceIpSet(svc)) {
            svcLabels.put(EndpointPods.HEADLESS_LABEL, "");
        }
        svcLabels.put(LABEL_SERVICE_NAME, svc.getMetadata().getName());
        svcLabels.put(LABEL_MANAGED_BY, controllerName);
        return new Labels(svcLabels, changed);
    }

    private static boolean isReserved(String key) {
        return LABEL_SERVICE_NAME.equals(key) || LABEL_MANAGED_BY.equals(key) || EndpointPods.HEADLESS_LABEL.equals(key);
    }

    /**
     * Upstream {@code getSliceToFill}: the slice that will be closest to full (without overflowing) after adding
     * {@code numEndpoints}; null when none fits.
     */
    static EndpointSlice sliceToFill(List<EndpointSlice> slices, int numEndpoints, int maxEndpoints) {
        int closestDiff = maxEndpoints;
        EndpointSlice closest = null;
        for (EndpointSlice s : slices) {
            int diff = maxEndpoints - (numEndpoints + size(s));
            if (diff >= 0 && diff < closestDiff) {
                closestDiff = diff;
                closest = s;
                if (closestDiff == 0) {
                    return closest;
                }
            }
        }
        return closest;
    }

    /**
     * Upstream {@code EndpointsEqualBeyondHash}: same nodeName, zone, conditions and targetRef (its resourceVersion
     * ignored); addresses and hostname are already equal by the {@link EndpointSet} key.
     */
    static boolean endpointsEqualBeyondHash(Endpoint a, Endpoint b) {
        if (!Objects.equals(a.getNodeName(), b.getNodeName()) || !Objects.equals(a.getZone(), b.getZone())) {
            return false;
        }
        EndpointConditions ca = a.getConditions() == null ? new EndpointConditions() : a.getConditions();
        EndpointConditions cb = b.getConditions() == null ? new EndpointConditions() : b.getConditions();
        if (!Objects.equals(ca.getReady(), cb.getReady()) || !Objects.equals(ca.getServing(), cb.getServing())
                || !Objects.equals(ca.getTerminating(), cb.getTerminating())) {
            return false;
        }
        return refText(a.getTargetRef()).equals(refText(b.getTargetRef()));
    }

    private static String refText(ObjectReference r) {
        if (r == null) {
            return "-";
        }
        return String.join("|", nz(r.getKind()), nz(r.getNamespace()), nz(r.getName()), nz(r.getUid()), nz(r.getApiVersion()), nz(r.getFieldPath()));
    }

    static int size(EndpointSlice s) {
        return s.getEndpoints() == null ? 0 : s.getEndpoints().size();
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }
}
