package io.kubeboot.node.runtime.docker;

import io.kubeboot.node.runtime.SandboxSpec;

import java.util.List;
import java.util.Map;

/**
 * The contents of a pod's {@code /etc/resolv.conf} and {@code /etc/hosts}, in the formats the kubelet writes (its
 * managed hosts file, and the resolv.conf the dockershim wrote into a sandbox).
 */
public final class PodFiles {
    static final String MANAGED_HOSTS_HEADER = "# Kubernetes-managed hosts file.\n";

    private PodFiles() {
    }

    /**
     * resolv.conf: one {@code nameserver} line per server, then {@code search} and {@code options} lines when
     * non-empty. Empty when the config has nothing at all (the runtime's file is then kept).
     */
    public static String resolvConf(SandboxSpec.DnsConfig dns) {
        StringBuilder out = new StringBuilder();
        for (String server : dns.nameservers()) {
            out.append("nameserver ").append(server).append('\n');
        }
        if (!dns.searches().isEmpty()) {
            out.append("search ").append(String.join(" ", dns.searches())).append('\n');
        }
        if (!dns.options().isEmpty()) {
            out.append("options ").append(String.join(" ", dns.options())).append('\n');
        }
        return out.toString();
    }

    /**
     * The kubelet's managed hosts file of a pod on the pod network: localhost boilerplate, the pod's own IP with its
     * hostname ({@code <ip>\t<hostname>.<domain>\t<hostname>} when it has a subdomain), then the host aliases.
     */
    public static String managedHosts(String podIp, String hostname, String domainName,
                                      Map<String, List<String>> hostAliases) {
        StringBuilder out = new StringBuilder(MANAGED_HOSTS_HEADER);
        out.append("127.0.0.1\tlocalhost\n");
        out.append("::1\tlocalhost ip6-localhost ip6-loopback\n");
        out.append("fe00::0\tip6-localnet\n");
        out.append("fe00::0\tip6-mcastprefix\n");
        out.append("fe00::1\tip6-allnodes\n");
        out.append("fe00::2\tip6-allrouters\n");
        if (podIp != null && !podIp.isEmpty()) {
            if (domainName != null && !domainName.isEmpty()) {
                out.append(podIp).append('\t').append(hostname).append('.').append(domainName).append('\t').append(hostname).append('\n');
            } else {
                out.append(podIp).append('\t').append(hostname).append('\n');
            }
        }
        out.append(hostAliasEntries(hostAliases));
        return out.toString();
    }

    /** A hostNetwork pod's hosts file: the node's own file followed by the host aliases, as the kubelet does. */
    public static String nodeHosts(String nodeHostsContent, Map<String, List<String>> hostAliases) {
        String base = nodeHostsContent == null ? "" : nodeHostsContent;
        if (!base.isEmpty() && !base.endsWith("\n") && !hostAliases.isEmpty()) {
            base = base + "\n";
        }
        return base + hostAliasEntries(hostAliases);
    }

    /** One line per alias IP with its hostnames tab-separated, after a blank line and a comment; empty without aliases. */
    static String hostAliasEntries(Map<String, List<String>> hostAliases) {
        if (hostAliases == null || hostAliases.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("\n# Entries added by HostAliases.\n");
        hostAliases.forEach((ip, names) -> out.append(ip).append('\t').append(String.join("\t", names)).append('\n'));
        return out.toString();
    }
}
