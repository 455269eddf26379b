package io.kubeboot.node.proxy;

/**
 * Identifies one port of one Service, as upstream's {@code proxy.ServicePortName}: namespace, service name, the
 * port's name ("" when unnamed) and its protocol ("TCP", "UDP", "SCTP"). EndpointSlice ports are matched to
 * service ports by this key, so name and protocol must both agree.
 */
public record ServicePortName(String namespace, String name, String port, String protocol) {
    public ServicePortName {
        port = port == null ? "" : port;
    }

    /** The Service's "namespace/name". */
    public String serviceKey() {
        return namespace + "/" + name;
    }

    /** As upstream: "ns/name:port" ("ns/name" for an unnamed port). */
    @Override
    public String toString() {
        return port.isEmpty() ? serviceKey() : serviceKey() + ":" + port;
    }
}
