package io.kubeboot.node.proxy.iptables;

import io.kubeboot.node.network.Ipv4Cidr;
import io.kubeboot.node.proxy.Endpoint;
import io.kubeboot.node.proxy.ProxiedPort;
import io.kubeboot.node.proxy.ProxyState;
import io.kubeboot.node.proxy.ServicePort;
import io.kubeboot.node.proxy.ServicePortName;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Renders a {@link ProxyState} as iptables-restore input for the nat and filter tables, with upstream's chain
 * layout: KUBE-SERVICES matches each ClusterIP:port and jumps to its KUBE-SVC chain, which marks traffic from
 * outside the cluster CIDR for masquerade, keeps ClientIP affinity with the {@code recent} match and picks an
 * endpoint with {@code statistic --mode random} (probability 1/n, 1/(n-1), ..., the last unconditional); each
 * KUBE-SEP chain marks hairpin traffic and DNATs to its endpoint. Node ports (on the node's address, upstream's
 * --nodeport-addresses) go KUBE-SERVICES -> KUBE-NODEPORTS -> KUBE-EXT (masquerade) -> KUBE-SVC. Service ports
 * without endpoints get REJECT rules in the filter table's KUBE-SERVICES (ClusterIP) and KUBE-EXTERNAL-SERVICES
 * (node port). Meant for {@code iptables-restore --noflush}: the base chains are flushed and rewritten, per-service
 * chains of the previous sync that are gone are flushed and deleted ({@code -X}).
 */
final class IptablesRules {
    static final String MASQ_MARK = "0x4000";
    static final List<String> NAT_BASE = List.of("KUBE-SERVICES", "KUBE-NODEPORTS", "KUBE-POSTROUTING", "KUBE-MARK-MASQ");
    static final List<String> FILTER_BASE = List.of("KUBE-SERVICES", "KUBE-EXTERNAL-SERVICES");

    private final Ipv4Cidr clusterCidr;
    private final String nodeAddress;
    private final int nodePortMin;
    private final int nodePortMax;

    /** The rendered input and the per-service nat chains it defines (for deleting them later). */
    record Rendered(String restoreInput, Set<String> serviceChains) {
    }

    IptablesRules(Ipv4Cidr clusterCidr, String nodeAddress, int nodePortMin, int nodePortMax) {
        this.clusterCidr = clusterCidr;
        this.nodeAddress = nodeAddress;
        this.nodePortMin = nodePortMin;
        this.nodePortMax = nodePortMax;
    }

    /** @param previousChains the per-service chains the last applied rendering defined */
    Rendered render(ProxyState state, Set<String> previousChains) {
        List<String> natChains = new ArrayList<>();
        List<String> natRules = new ArrayList<>();
        List<String> filterRules = new ArrayList<>();
        Set<String> active = new LinkedHashSet<>();
        NAT_BASE.forEach(c -> natChains.add(":" + c + " - [0:0]"));

        natRules.add("-A KUBE-MARK-MASQ -j MARK --or-mark " + MASQ_MARK);
        natRules.add("-A KUBE-POSTROUTING -m mark ! --mark " + MASQ_MARK + "/" + MASQ_MARK + " -j RETURN");
        natRules.add("-A KUBE-POSTROUTING -j MARK --xor-mark " + MASQ_MARK);
        natRules.add("-A KUBE-POSTROUTING -m comment --comment \"kubernetes service traffic requiring SNAT\" -j MASQUERADE");

        for (ProxiedPort p : state.ports()) {
            ServicePort sp = p.service();
            ServicePortName name = sp.name();
            String proto = ChainNames.protocol(name);
            if (!proto.equals("tcp") && !proto.equals("udp") && !proto.equals("sctp")) {
                continue;
            }
            boolean nodePort = sp.nodePort() >= nodePortMin && sp.nodePort() <= nodePortMax;
            String match = "-m " + proto + " -p " + proto;
            if (p.endpoints().isEmpty()) {
                if (sp.clusterIp() != null) {
                    filterRules.add("-A KUBE-SERVICES -m comment --comment \"" + name + " has no endpoints\" " + match
                            + " -d " + sp.clusterIp() + "/32 --dport " + sp.port() + " -j REJECT");
                }
                if (nodePort) {
                    filterRules.add("-A KUBE-EXTERNAL-SERVICES -m comment --comment \"" + name + " has no endpoints\" "
                            + "-d " + nodeAddress + "/32 " + match + " --dport " + sp.nodePort() + " -j REJECT");
                }
                continue;
            }
            String svcChain = ChainNames.service(name);
            natChains.add(":" + svcChain + " - [0:0]");
            active.add(svcChain);
            if (sp.clusterIp() != null) {
                String clusterMatch = "-m comment --comment \"" + name + " cluster IP\" " + match + " -d " + sp.clusterIp()
                        + "/32 --dport " + sp.port();
                natRules.add("-A KUBE-SERVICES " + clusterMatch + " -j " + svcChain);
                natRules.add("-A " + svcChain + " " + clusterMatch + " ! -s " + clusterCidr + " -j KUBE-MARK-MASQ");
            }
            if (nodePort) {
                String extChain = ChainNames.external(name);
                natChains.add(":" + extChain + " - [0:0]");
                active.add(extChain);
                natRules.add("-A KUBE-NODEPORTS -m comment --comment " + name + " " + match + " --dport " + sp.nodePort()
                        + " -j " + extChain);
                natRules.add("-A " + extChain + " -m comment --comment \"masquerade traffic for " + name
                        + " external destinations\" -j KUBE-MARK-MASQ");
                natRules.add("-A " + extChain + " -j " + svcChain);
            }
            List<String> sepChains = new ArrayList<>();
            for (Endpoint e : p.endpoints()) {
                String sep = ChainNames.endpoint(name, e);
                sepChains.add(sep);
                natChains.add(":" + sep + " - [0:0]");
                active.add(sep);
            }
            if (sp.sessionAffinity()) {
                for (int i = 0; i < sepChains.size(); i++) {
                    natRules.add("-A " + svcChain + " -m comment --comment \"" + name + " -> " + p.endpoints().get(i)
                            + "\" -m recent --name " + sepChains.get(i) + " --rcheck --seconds " + sp.stickyMaxAgeSeconds()
                            + " --reap -j " + sepChains.get(i));
                }
            }
            int n = sepChains.size();
            for (int i = 0; i < n; i++) {
                String rule = "-A " + svcChain + " -m comment --comment \"" + name + " -> " + p.endpoints().get(i) + "\"";
                if (i < n - 1) {
                    rule += " -m statistic --mode random --probability "
                            + String.format(Locale.ROOT, "%.10f", 1.0 / (n - i));
                }
                natRules.add(rule + " -j " + sepChains.get(i));
            }
            for (int i = 0; i < n; i++) {
                Endpoint e = p.endpoints().get(i);
                String sep = sepChains.get(i);
                natRules.add("-A " + sep + " -m comment --comment " + name + " -s " + e.ip() + "/32 -j KUBE-MARK-MASQ");
                natRules.add("-A " + sep + " -m comment --comment " + name
                        + (sp.sessionAffinity() ? " -m recent --name " + sep + " --set" : "")
                        + " " + match + " -j DNAT --to-destination " + e);
            }
        }
        for (String stale : previousChains) {
            if (!active.contains(stale)) {
                natChains.add(":" + stale + " - [0:0]");
                natRules.add("-X " + stale);
            }
        }
        natRules.add("-A KUBE-SERVICES -m comment --comment \"kubernetes service nodeports; NOTE: this must be the last"
                + " rule in this chain\" -d " + nodeAddress + "/32 -j KUBE-NODEPORTS");

        StringBuilder sb = new StringBuilder();
        sb.append("*filter\n");
        FILTER_BASE.forEach(c -> sb.append(':').append(c).append(" - [0:0]\n"));
        filterRules.forEach(r -> sb.append(r).append('\n'));
        sb.append("COMMIT\n*nat\n");
        natChains.forEach(c -> sb.append(c).append('\n'));
        natRules.forEach(r -> sb.append(r).append('\n'));
        sb.append("COMMIT\n");
        return new Rendered(sb.toString(), active);
    }

    /** Input that empties and deletes every chain this proxier made (the jumps to them must be gone first). */
    static String teardown(Set<String> serviceChains) {
        StringBuilder sb = new StringBuilder("*filter\n");
        FILTER_BASE.forEach(c -> sb.append(':').append(c).append(" - [0:0]\n"));
        FILTER_BASE.forEach(c -> sb.append("-X ").append(c).append('\n'));
        sb.append("COMMIT\n*nat\n");
        List<String> all = new ArrayList<>(NAT_BASE);
        all.addAll(serviceChains);
        all.forEach(c -> sb.append(':').append(c).append(" - [0:0]\n"));
        all.forEach(c -> sb.append("-X ").append(c).append('\n'));
        sb.append("COMMIT\n");
        return sb.toString();
    }
}
