package io.kubeboot.node.kubelet.dns;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodDNSConfig;
import io.fabric8.kubernetes.api.model.PodDNSConfigOption;
import io.kubeboot.node.kubelet.KubeletException;
import io.kubeboot.node.runtime.SandboxSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Upstream pkg/kubelet/network/dns Configurer.GetPodDNS and GeneratePodHostNameAndDomain.
 *
 * <ul>
 *   <li>ClusterFirst (not host network) and ClusterFirstWithHostNet: the cluster DNS servers only, searches
 *       {@code <ns>.svc.<domain> svc.<domain> <domain>} then the host's, options {@code ndots:5}. Without cluster DNS
 *       servers the pod falls back to Default (upstream also records MissingClusterDNS events; here it is logged).</li>
 *   <li>ClusterFirst with hostNetwork and Default: the host's resolv.conf; with an empty resolvConf path,
 *       nameserver 127.0.0.1 and search ".".</li>
 *   <li>None: nothing but the pod's dnsConfig.</li>
 *   <li>dnsConfig is appended (duplicates dropped, options merged by name, the pod's value winning), then the limits
 *       applied: 3 nameservers, 32 search domains, none longer than 253, 2048 characters in all (upstream's
 *       DNSConfigForming events are logged instead).</li>
 * </ul>
 * The option order is stable (first appearance), where upstream's is a Go map's. Reads the resolv.conf on every call.
 * Thread safe.
 */
public class KubeletDnsConfigurer implements DnsConfigurer {
    private static final Logger log = LoggerFactory.getLogger(KubeletDnsConfigurer.class);
    static final int MAX_NAMESERVERS = 3;
    static final int MAX_SEARCH_PATHS = 32;
    static final int MAX_SEARCH_LIST_CHARS = 2048;
    static final int MAX_SEARCH_PATH_LENGTH = 253;
    static final int HOSTNAME_MAX_LENGTH = 63;
    private static final String SANDBOX_ERROR = "CreatePodSandboxError";

    enum PodDnsType { CLUSTER, HOST, NONE }

    private final List<String> clusterDns;
    private final String clusterDomain;
    private final String resolvConf;

    /**
     * @param clusterDns    the cluster DNS Service IPs (upstream clusterDNS); empty: ClusterFirst falls back to Default
     * @param clusterDomain upstream clusterDomain, e.g. cluster.local; empty: no cluster search domains
     * @param resolvConf    the host resolv.conf path (upstream resolvConf); empty: no host DNS
     */
    public KubeletDnsConfigurer(List<String> clusterDns, String clusterDomain, String resolvConf) {
        this.clusterDns = clusterDns == null ? List.of() : clusterDns.stream().filter(s -> s != null && !s.isBlank()).map(String::strip).toList();
        this.clusterDomain = clusterDomain == null ? "" : clusterDomain;
        this.resolvConf = resolvConf == null ? "" : resolvConf;
    }

    @Override
    public SandboxSpec.DnsConfig dnsConfig(Pod pod) {
        ResolvConf host = hostDnsConfig();
        List<String> servers = new ArrayList<>(host.nameservers());
        List<String> searches = new ArrayList<>(host.searches());
        List<String> options = new ArrayList<>(host.options());
        PodDnsType type = podDnsType(pod);
        if (type == PodDnsType.NONE) {
            servers.clear();
            searches.clear();
            options.clear();
        } else if (type == PodDnsType.CLUSTER && !clusterDns.isEmpty()) {
            servers = new ArrayList<>(clusterDns);
            searches = searchesForClusterFirst(searches, pod.getMetadata().getNamespace());
            options = new ArrayList<>(List.of("ndots:5"));
        } else {
            if (type == PodDnsType.CLUSTER) {
                log.warn("kubelet does not have ClusterDNS IP configured and cannot create Pod using \"ClusterFirst\" "
                        + "policy. Falling back to \"Default\" policy. pod={}/{}", pod.getMetadata().getNamespace(),
                        pod.getMetadata().getName());
            }
            if (resolvConf.isEmpty()) {
                servers.add("127.0.0.1");
                searches = new ArrayList<>(List.of("."));
            }
        }
        PodDNSConfig custom = pod.getSpec().getDnsConfig();
        if (custom != null) {
            servers = omitDuplicates(servers, custom.getNameservers());
            searches = omitDuplicates(searches, custom.getSearches());
            options = mergeOptions(options, custom.getOptions());
        }
        return new SandboxSpec.DnsConfig(nameserversFitLimits(servers), searchesFitLimits(searches), options);
    }

    @Override
    public String hostname(Pod pod) {
        String name = pod.getMetadata().getName();
        String hostname = pod.getSpec().getHostname() != null && !pod.getSpec().getHostname().isEmpty()
                ? pod.getSpec().getHostname() : name;
        return truncateHostname(name, hostname);
    }

    @Override
    public String domainName(Pod pod) {
        String subdomain = pod.getSpec().getSubdomain();
        if (subdomain == null || subdomain.isEmpty()) {
            return null;
        }
        return subdomain + "." + pod.getMetadata().getNamespace() + ".svc." + clusterDomain;
    }

    /** Upstream truncatePodHostnameIfNeeded: at most 63 characters, not ending in '-' or '.'. */
    static String truncateHostname(String podName, String hostname) {
        if (hostname.length() <= HOSTNAME_MAX_LENGTH) {
            return hostname;
        }
        String truncated = hostname.substring(0, HOSTNAME_MAX_LENGTH);
        int end = truncated.length();
        while (end > 0 && (truncated.charAt(end - 1) == '-' || truncated.charAt(end - 1) == '.')) {
            end--;
        }
        if (end == 0) {
            throw new KubeletException(SANDBOX_ERROR, "hostname for pod \"" + podName + "\" was invalid: \"" + hostname + "\"");
        }
        log.warn("Hostname for pod was too long, truncated it: podName={} hostnameMaxLen={} truncatedHostname={}",
                podName, HOSTNAME_MAX_LENGTH, truncated);
        return truncated.substring(0, end);
    }

    /** Upstream getPodDNSType; an unknown policy is an error upstream too (and then treated as ClusterFirst). */
    static PodDnsType podDnsType(Pod pod) {
        String policy = pod.getSpec().getDnsPolicy();
        boolean hostNetwork = Boolean.TRUE.equals(pod.getSpec().getHostNetwork());
        if (policy == null || policy.isEmpty()) {
            policy = "ClusterFirst";
        }
        return switch (policy) {
            case "None" -> PodDnsType.NONE;
            case "ClusterFirstWithHostNet" -> PodDnsType.CLUSTER;
            case "ClusterFirst" -> hostNetwork ? PodDnsType.HOST : PodDnsType.CLUSTER;
            case "Default" -> PodDnsType.HOST;
            default -> {
                log.error("Failed to get DNS type for pod. Falling back to DNSClusterFirst policy: invalid DNSPolicy={}", policy);
                yield PodDnsType.CLUSTER;
            }
        };
    }

    private ResolvConf hostDnsConfig() {
        if (resolvConf.isEmpty()) {
            return new ResolvConf(List.of(), List.of(), List.of());
        }
        try {
            return ResolvConf.parse(Files.readString(Path.of(resolvConf), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new KubeletException(SANDBOX_ERROR, "open " + resolvConf + ": " + describe(e), e);
        } catch (IllegalArgumentException e) {
            throw new KubeletException(SANDBOX_ERROR, e.getMessage(), e);
        }
    }

    private static String describe(IOException e) {
        return e instanceof java.nio.file.NoSuchFileException ? "no such file or directory" : String.valueOf(e.getMessage());
    }

    private List<String> searchesForClusterFirst(List<String> hostSearch, String namespace) {
        if (clusterDomain.isEmpty()) {
            return hostSearch;
        }
        List<String> cluster = List.of(namespace + ".svc." + clusterDomain, "svc." + clusterDomain, clusterDomain);
        return omitDuplicates(cluster, hostSearch);
    }

    static List<String> omitDuplicates(List<String> first, List<String> then) {
        LinkedHashSet<String> all = new LinkedHashSet<>(first);
        if (then != null) {
            all.addAll(then);
        }
        return new ArrayList<>(all);
    }

    /** Upstream mergeDNSOptions: by name ({@code name[:value]}), the pod's dnsConfig winning. */
    static List<String> mergeOptions(List<String> existing, List<PodDNSConfigOption> custom) {
        Map<String, String> byName = new LinkedHashMap<>();
        for (String op : existing) {
            int colon = op.indexOf(':');
            if (colon >= 0) {
                byName.put(op.substring(0, colon), op.substring(colon + 1));
            } else {
                byName.put(op, "");
            }
        }
        if (custom != null) {
            for (PodDNSConfigOption op : custom) {
                byName.put(op.getName(), op.getValue() == null ? "" : op.getValue());
            }
        }
        List<String> out = new ArrayList<>();
        byName.forEach((name, value) -> out.add(value.isEmpty() ? name : name + ":" + value));
        return out;
    }

    static List<String> nameserversFitLimits(List<String> servers) {
        if (servers.size() <= MAX_NAMESERVERS) {
            return servers;
        }
        List<String> kept = servers.subList(0, MAX_NAMESERVERS);
        log.warn("Nameserver limits were exceeded, some nameservers have been omitted, the applied nameserver line is: {}",
                String.join(" ", kept));
        return new ArrayList<>(kept);
    }

    /** Upstream formDNSSearchFitsLimits (ExpandedDNSConfig, GA): 32 paths, each at most 253, 2048 characters. */
    static List<String> searchesFitLimits(List<String> searches) {
        boolean exceeded = false;
        List<String> composed = new ArrayList<>(searches);
        if (composed.size() > MAX_SEARCH_PATHS) {
            composed = new ArrayList<>(composed.subList(0, MAX_SEARCH_PATHS));
            exceeded = true;
        }
        if (composed.removeIf(s -> s.length() > MAX_SEARCH_PATH_LENGTH)) {
            exceeded = true;
        }
        int lineLength = String.join(" ", composed).length();
        if (lineLength > MAX_SEARCH_LIST_CHARS) {
            int cutLength = 0;
            int cut = 0;
            for (int i = composed.size() - 1; i >= 0; i--) {
                cutLength += composed.get(i).length() + 1;
                cut++;
                if (lineLength - cutLength <= MAX_SEARCH_LIST_CHARS) {
                    break;
                }
            }
            composed = new ArrayList<>(composed.subList(0, composed.size() - cut));
            exceeded = true;
        }
        if (exceeded) {
            log.warn("Search Line limits were exceeded, some search paths have been omitted, the applied search line is: {}",
                    String.join(" ", composed));
        }
        return composed;
    }
}
