package io.kubeboot.node.runtime;

import java.util.List;
import java.util.Map;

/**
 * What a pod's sandbox is made of.
 *
 * @param podNamespace   the pod's namespace
 * @param podName        the pod's name
 * @param podUid         the pod's uid
 * @param hostname       the pod's hostname (spec.hostname or its name)
 * @param domainName     FQDN suffix when spec.subdomain is set ({@code <subdomain>.<ns>.svc.cluster.local}), else null
 * @param network        the engine network to join (the cluster network), or null for hostNetwork pods
 * @param ipAddress      the IP to give the pod on that network (from the node's podCIDR), or null
 * @param dns            resolv.conf contents; null means the runtime's default
 * @param hostAliases    extra /etc/hosts entries: IP to hostnames
 * @param labels         labels to put on the sandbox (always including {@link RuntimeLabels})
 * @param image          the sandbox ("pause") image to run
 */
public record SandboxSpec(String podNamespace, String podName, String podUid, String hostname, String domainName,
                          String network, String ipAddress, DnsConfig dns, Map<String, List<String>> hostAliases,
                          Map<String, String> labels, String image) {
    public SandboxSpec {
        // kept in the caller's order: /etc/hosts lists the aliases in spec order, as upstream
        hostAliases = hostAliases == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(hostAliases));
        labels = Map.copyOf(labels);
    }

    /** resolv.conf of a pod: nameservers, search domains and options (e.g. {@code ndots:5}). */
    public record DnsConfig(List<String> nameservers, List<String> searches, List<String> options) {
        public DnsConfig {
            nameservers = List.copyOf(nameservers);
            searches = List.copyOf(searches);
            options = List.copyOf(options);
        }
    }
}
