package io.kubeboot.node.proxy;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointConditions;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.kubeboot.node.network.Ipv4Cidr;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges the EndpointSlices of one Service into endpoints per service port, as upstream's
 * {@code EndpointSliceCache.endpointInfoByServicePort}: a slice port without a name or without a (non-zero) port
 * number is ignored; endpoints without addresses or of another address family (only IPv4 slices are read) are
 * ignored; an endpoint is its first address with the slice port's number; the same "ip:port" in several slices
 * (an endpoint moving between slices) counts once, the copy naming this node winning, else the first slice by
 * name. Every endpoint is kept whatever its conditions; callers filter with {@link Endpoint#usable()}. Lists are
 * sorted by "ip:port" as upstream.
 */
public final class EndpointSliceCache {
    private final String nodeName;

    /** @param nodeName this node (endpoints naming it win duplicates, as upstream's isLocal) */
    public EndpointSliceCache(String nodeName) {
        this.nodeName = nodeName;
    }

    /** The endpoints of each port of the Service {@code namespace/service}, from its {@code slices}. */
    public Map<ServicePortName, List<Endpoint>> endpointsByPort(String namespace, String service,
                                                                Collection<EndpointSlice> slices) {
        List<EndpointSlice> sorted = slices.stream()
                .filter(s -> "IPv4".equals(s.getAddressType()))
                .sorted(Comparator.comparing(s -> s.getMetadata().getName()))
                .toList();
        Map<ServicePortName, Map<String, Endpoint>> byPort = new LinkedHashMap<>();
        for (EndpointSlice slice : sorted) {
            if (slice.getPorts() == null) {
                continue;
            }
            for (EndpointPort port : slice.getPorts()) {
                if (port.getName() == null || port.getPort() == null || port.getPort() == 0) {
                    continue;
                }
                String protocol = port.getProtocol() == null ? "TCP" : port.getProtocol();
                ServicePortName key = new ServicePortName(namespace, service, port.getName(), protocol);
                addEndpoints(byPort.computeIfAbsent(key, k -> new HashMap<>()), port.getPort(), slice);
            }
        }
        Map<ServicePortName, List<Endpoint>> out = new LinkedHashMap<>();
        byPort.forEach((key, set) -> {
            if (!set.isEmpty()) {
                List<Endpoint> list = new ArrayList<>(set.values());
                list.sort(Comparator.comparing(Endpoint::toString));
                out.put(key, List.copyOf(list));
            }
        });
        return out;
    }

    private void addEndpoints(Map<String, Endpoint> set, int port, EndpointSlice slice) {
        if (slice.getEndpoints() == null) {
            return;
        }
        for (io.fabric8.kubernetes.api.model.discovery.v1.Endpoint e : slice.getEndpoints()) {
            if (e.getAddresses() == null || e.getAddresses().isEmpty() || !Ipv4Cidr.isIpv4(e.getAddresses().get(0))) {
                continue;
            }
            EndpointConditions c = e.getConditions();
            boolean ready = c == null || c.getReady() == null || c.getReady();
            boolean serving = c == null || c.getServing() == null || c.getServing();
            boolean terminating = c != null && c.getTerminating() != null && c.getTerminating();
            Endpoint endpoint = new Endpoint(e.getAddresses().get(0), port, ready, serving, terminating, e.getNodeName());
            boolean local = nodeName != null && nodeName.equals(e.getNodeName());
            if (!set.containsKey(endpoint.toString()) || local) {
                set.put(endpoint.toString(), endpoint);
            }
        }
    }
}
