package io.kubeboot.node.proxy.iptables;

import io.kubeboot.node.network.Ipv4Cidr;
import io.kubeboot.node.proxy.Proxier;
import io.kubeboot.node.proxy.ProxyState;
import io.kubeboot.node.proxy.userspace.ClusterIpAliases;
import io.kubeboot.node.proxy.userspace.LocalAddresses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * The iptables proxy mode: each sync renders the whole state ({@link IptablesRules}) and applies it with one
 * {@code iptables-restore --noflush}; the jumps from the built-in chains into KUBE-SERVICES / KUBE-POSTROUTING /
 * KUBE-EXTERNAL-SERVICES are ensured at the first sync and after failures. ClusterIPs are still put on lo
 * ({@link ClusterIpAliases}). {@link #close()} removes the jumps, the chains and the addresses it added.
 * One iptables-mode proxy per machine: the chain names are upstream's fixed ones.
 */
public final class IptablesProxier implements Proxier {
    private static final Logger log = LoggerFactory.getLogger(IptablesProxier.class);

    /** table, built-in chain, rule args: the jumps into this proxier's chains, as upstream installs them. */
    static final List<Jump> JUMPS = List.of(
            new Jump("nat", "PREROUTING", List.of("-m", "comment", "--comment", "kubernetes service portals", "-j", "KUBE-SERVICES")),
            new Jump("nat", "OUTPUT", List.of("-m", "comment", "--comment", "kubernetes service portals", "-j", "KUBE-SERVICES")),
            new Jump("nat", "POSTROUTING", List.of("-m", "comment", "--comment", "kubernetes postrouting rules", "-j", "KUBE-POSTROUTING")),
            new Jump("filter", "INPUT", List.of("-m", "conntrack", "--ctstate", "NEW", "-m", "comment", "--comment",
                    "kubernetes service portals", "-j", "KUBE-SERVICES")),
            new Jump("filter", "OUTPUT", List.of("-m", "conntrack", "--ctstate", "NEW", "-m", "comment", "--comment",
                    "kubernetes service portals", "-j", "KUBE-SERVICES")),
            new Jump("filter", "FORWARD", List.of("-m", "conntrack", "--ctstate", "NEW", "-m", "comment", "--comment",
                    "kubernetes service portals", "-j", "KUBE-SERVICES")),
            new Jump("filter", "INPUT", List.of("-m", "conntrack", "--ctstate", "NEW", "-m", "comment", "--comment",
                    "kubernetes externally-visible service portals", "-j", "KUBE-EXTERNAL-SERVICES")),
            new Jump("filter", "OUTPUT", List.of("-m", "conntrack", "--ctstate", "NEW", "-m", "comment", "--comment",
                    "kubernetes externally-visible service portals", "-j", "KUBE-EXTERNAL-SERVICES")));

    record Jump(String table, String chain, List<String> args) {
    }

    private final Iptables iptables;
    private final IptablesRules rules;
    private final ClusterIpAliases aliases;
    private Set<String> appliedChains = Set.of();
    private boolean jumpsEnsured;

    public IptablesProxier(Iptables iptables, Ipv4Cidr clusterCidr, String nodeAddress, String nodePortRange,
                           LocalAddresses localAddresses) {
        this.iptables = iptables;
        String[] range = nodePortRange.trim().split("-", 2);
        int min = Integer.parseInt(range[0].trim());
        this.rules = new IptablesRules(clusterCidr, nodeAddress, min, range.length > 1 ? Integer.parseInt(range[1].trim()) : min);
        this.aliases = new ClusterIpAliases(localAddresses);
    }

    @Override
    public String mode() {
        return "iptables";
    }

    @Override
    public boolean sync(ProxyState state) {
        Set<String> clusterIps = state.clusterIps();
        aliases.reconcile(clusterIps);
        IptablesRules.Rendered rendered = rules.render(state, appliedChains);
        try {
            // chains first (restore creates them), then the jumps into them
            iptables.restore(rendered.restoreInput());
            appliedChains = rendered.serviceChains();
            if (!jumpsEnsured) {
                for (Jump j : JUMPS) {
                    iptables.ensureRule(j.table(), j.chain(), j.args());
                }
                jumpsEnsured = true;
            }
            return true;
        } catch (IOException e) {
            log.warn("Failed to sync iptables rules: {}", e.getMessage());
            jumpsEnsured = false;
            return false;
        }
    }

    @Override
    public void close() {
        try {
            for (Jump j : JUMPS) {
                iptables.deleteRule(j.table(), j.chain(), j.args());
            }
            iptables.restore(IptablesRules.teardown(appliedChains));
        } catch (IOException e) {
            log.warn("Failed to remove the iptables rules: {}", e.getMessage());
        }
        aliases.close();
    }
}
