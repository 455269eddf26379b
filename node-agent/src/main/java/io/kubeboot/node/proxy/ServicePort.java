package io.kubeboot.node.proxy;

/**
 * What the proxy programs for one port of one Service (upstream's {@code BaseServicePortInfo}, the subset that
 * applies here).
 *
 * @param name                the port's identity
 * @param clusterIp           the Service's IPv4 ClusterIP, or null when it may not be served here (outside the
 *                            service CIDR)
 * @param port                the Service port
 * @param nodePort            the node port (NodePort and LoadBalancer Services), 0 when none
 * @param stickyMaxAgeSeconds session affinity ClientIP timeout; 0 means no affinity
 */
public record ServicePort(ServicePortName name, String clusterIp, int port, int nodePort, int stickyMaxAgeSeconds) {
    public String protocol() {
        return name.protocol();
    }

    public boolean sessionAffinity() {
        return stickyMaxAgeSeconds > 0;
    }
}
