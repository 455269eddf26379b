package io.kubeboot.node.proxy;

import java.util.List;

/**
 * The whole desired state of the proxy at one moment: every service port it serves with its usable endpoints,
 * plus what was refused (endpoints outside the allowed networks, ClusterIPs outside the service CIDR) as log
 * lines. Immutable.
 */
public record ProxyState(List<ProxiedPort> ports, List<String> refused) {
    public static final ProxyState EMPTY = new ProxyState(List.of(), List.of());

    public ProxyState {
        ports = List.copyOf(ports);
        refused = List.copyOf(refused);
    }

    /** The ClusterIPs of the proxied ports (each once). */
    public java.util.Set<String> clusterIps() {
        java.util.Set<String> ips = new java.util.HashSet<>();
        for (ProxiedPort p : ports) {
            if (p.service().clusterIp() != null) {
                ips.add(p.service().clusterIp());
            }
        }
        return ips;
    }

    public int endpointCount() {
        return ports.stream().mapToInt(p -> p.endpoints().size()).sum();
    }
}
