package io.kubeboot.controller.nodeipam;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The node IPAM controller's settings ({@code kubeboot.controllers.node-ipam.*}, e.g.
 * {@code KUBEBOOT_CONTROLLERS_NODE_IPAM_CLUSTER_CIDR}). Upstream's flags, with KubeBoot defaults where upstream has
 * none: node agents take their pod IP range from {@code spec.podCIDR}, so allocation is on by default.
 */
@ConfigurationProperties("kubeboot.controllers.node-ipam")
public class NodeIpamProperties {
    /** Upstream --allocate-node-cidrs; when false the controller is disabled by default. */
    private boolean allocateNodeCidrs = true;
    /** Upstream --cluster-cidr: one CIDR, or an IPv4 and an IPv6 one separated by a comma. */
    private String clusterCidr = "10.244.0.0/16";
    /** Upstream --node-cidr-mask-size-ipv4. */
    private int nodeCidrMaskSizeIpv4 = 24;
    /** Upstream --node-cidr-mask-size-ipv6. */
    private int nodeCidrMaskSizeIpv6 = 64;
    /** Upstream --service-cluster-ip-range: blocks overlapping it are never allocated; comma separated; optional. */
    private String serviceClusterIpRange = "";

    public boolean isAllocateNodeCidrs() { return allocateNodeCidrs; }
    public void setAllocateNodeCidrs(boolean b) { this.allocateNodeCidrs = b; }
    public String getClusterCidr() { return clusterCidr; }
    public void setClusterCidr(String s) { this.clusterCidr = s; }
    public int getNodeCidrMaskSizeIpv4() { return nodeCidrMaskSizeIpv4; }
    public void setNodeCidrMaskSizeIpv4(int n) { this.nodeCidrMaskSizeIpv4 = n; }
    public int getNodeCidrMaskSizeIpv6() { return nodeCidrMaskSizeIpv6; }
    public void setNodeCidrMaskSizeIpv6(int n) { this.nodeCidrMaskSizeIpv6 = n; }
    public String getServiceClusterIpRange() { return serviceClusterIpRange; }
    public void setServiceClusterIpRange(String s) { this.serviceClusterIpRange = s; }
}
