package io.kubeboot.node.proxy;

import java.util.List;

/** A service port with the endpoints new connections may go to, sorted by "ip:port"; possibly none. */
public record ProxiedPort(ServicePort service, List<Endpoint> endpoints) {
    public ProxiedPort {
        endpoints = List.copyOf(endpoints);
    }
}
