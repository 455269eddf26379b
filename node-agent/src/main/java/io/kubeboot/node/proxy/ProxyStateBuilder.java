package io.kubeboot.node.proxy;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.kubeboot.node.network.Ipv4Cidr;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes the whole desired {@link ProxyState} from the Services and EndpointSlices in the informers' caches:
 * each service port ({@link ServicePorts}) with the usable endpoints ({@link Endpoint#usable()}) of the slices
 * labelled {@code kubernetes.io/service-name} with its name, merged by {@link EndpointSliceCache}.
 *
 * <p>Network safety: an endpoint is only forwarded to when its IP is a loopback address or inside the cluster
 * CIDR (pods); any other is left out and reported in {@link ProxyState#refused()}.
 */
public final class ProxyStateBuilder {
    public static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

    private final ServicePorts servicePorts;
    private final EndpointSliceCache sliceCache;
    private final Ipv4Cidr clusterCidr;

    public ProxyStateBuilder(Ipv4Cidr serviceCidr, Ipv4Cidr clusterCidr, String nodeName) {
        this.servicePorts = new ServicePorts(serviceCidr);
        this.sliceCache = new EndpointSliceCache(nodeName);
        this.clusterCidr = clusterCidr;
    }

    public ProxyState build(Collection<Service> services, Collection<EndpointSlice> slices) {
        Map<String, List<EndpointSlice>> slicesByService = new HashMap<>();
        for (EndpointSlice slice : slices) {
            String service = slice.getMetadata().getLabels() == null ? null
                    : slice.getMetadata().getLabels().get(SERVICE_NAME_LABEL);
            if (service != null && !service.isEmpty()) {
                slicesByService.computeIfAbsent(slice.getMetadata().getNamespace() + "/" + service, k -> new ArrayList<>())
                        .add(slice);
            }
        }
        Set<String> refused = new LinkedHashSet<>();
        List<ProxiedPort> ports = new ArrayList<>();
        List<Service> sorted = services.stream()
                .sorted(Comparator.comparing((Service s) -> s.getMetadata().getNamespace())
                        .thenComparing(s -> s.getMetadata().getName()))
                .toList();
        for (Service service : sorted) {
            List<ServicePort> servicePortList = servicePorts.of(service, refused::add);
            if (servicePortList.isEmpty()) {
                continue;
            }
            String ns = service.getMetadata().getNamespace();
            String name = service.getMetadata().getName();
            Map<ServicePortName, List<Endpoint>> endpoints = sliceCache.endpointsByPort(ns, name,
                    slicesByService.getOrDefault(ns + "/" + name, List.of()));
            for (ServicePort sp : servicePortList) {
                List<Endpoint> usable = new ArrayList<>();
                for (Endpoint e : endpoints.getOrDefault(sp.name(), List.of())) {
                    if (!e.usable()) {
                        continue;
                    }
                    if (Ipv4Cidr.LOOPBACK.contains(e.ip()) || clusterCidr.contains(e.ip())) {
                        usable.add(e);
                    } else {
                        refused.add("Service port " + sp.name() + ": endpoint " + e + " is neither loopback nor in the"
                                + " cluster CIDR " + clusterCidr + "; not forwarding to it");
                    }
                }
                ports.add(new ProxiedPort(sp, usable));
            }
        }
        return new ProxyState(ports, new ArrayList<>(refused));
    }
}
