package io.kubeboot.node.kubelet.dns;

import io.fabric8.kubernetes.api.model.Pod;
import io.kubeboot.node.runtime.SandboxSpec;

/**
 * The pod's resolv.conf per its dnsPolicy and dnsConfig (upstream pkg/kubelet/network/dns): ClusterFirst uses the
 * cluster DNS Service IP with searches {@code <ns>.svc.<domain> svc.<domain> <domain>} plus the host's and
 * {@code ndots:5}; Default uses the node's resolv.conf; None only dnsConfig; ClusterFirstWithHostNet for host
 * network pods. Pure and thread safe.
 */
public interface DnsConfigurer {
    SandboxSpec.DnsConfig dnsConfig(Pod pod);

    /** The pod's hostname: spec.hostname, else its name (truncated to 63 characters as upstream). */
    String hostname(Pod pod);

    /** {@code <subdomain>.<namespace>.svc.<clusterDomain>} when spec.subdomain is set, else null. */
    String domainName(Pod pod);
}
