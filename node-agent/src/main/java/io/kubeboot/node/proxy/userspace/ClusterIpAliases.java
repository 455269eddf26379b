package io.kubeboot.node.proxy.userspace;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * Makes ClusterIPs local addresses of this machine (a /32 on the loopback interface each) so that no packet to a
 * ClusterIP can leave it: connections to a ClusterIP without a listener are refused here. Addresses this
 * instance added are removed when no Service needs them any more, and at {@link #close()}; addresses that were
 * already there (another node agent on this machine, or an earlier run) are used but never removed.
 *
 * <p>Without the privilege to change the interface, a warning is logged once and no ClusterIP is reported
 * local, so the proxy serves node ports only. Not thread-safe: used by the sync thread only.
 */
public final class ClusterIpAliases implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ClusterIpAliases.class);

    private final LocalAddresses addresses;
    private final Set<String> owned = new HashSet<>();
    private boolean notPermitted;

    public ClusterIpAliases(LocalAddresses addresses) {
        this.addresses = addresses;
    }

    /**
     * Adds the missing {@code wanted} addresses, removes owned ones no longer wanted.
     *
     * @return the wanted addresses that are local now (listeners may bind them)
     */
    public Set<String> reconcile(Set<String> wanted) {
        Set<String> present;
        try {
            present = addresses.list();
        } catch (IOException e) {
            log.warn("Cannot read the addresses of lo: {}", e.getMessage());
            return Set.of();
        }
        for (String ip : Set.copyOf(owned)) {
            if (!wanted.contains(ip)) {
                try {
                    addresses.remove(ip);
                    owned.remove(ip);
                    log.info("Removed ClusterIP {}/32 from lo", ip);
                } catch (IOException e) {
                    log.warn("Cannot remove ClusterIP {}/32 from lo: {}", ip, e.getMessage());
                }
            }
        }
        Set<String> local = new HashSet<>();
        for (String ip : wanted) {
            if (present.contains(ip)) {
                local.add(ip);
                continue;
            }
            if (notPermitted) {
                continue;
            }
            try {
                addresses.add(ip);
                owned.add(ip);
                local.add(ip);
                log.debug("Added ClusterIP {}/32 to lo", ip);
            } catch (LocalAddresses.NotPermittedException e) {
                notPermitted = true;
                log.warn("Cannot add ClusterIPs to the loopback interface ({}); kube-proxy serves NodePorts only and "
                        + "no ClusterIP is reachable on this node. Run the node agent as root (or with CAP_NET_ADMIN) "
                        + "to serve ClusterIPs.", e.getMessage());
            } catch (IOException e) {
                if (addedMeanwhile(ip)) {
                    // another node agent of this machine added it since the listing: used, never removed by us
                    local.add(ip);
                } else {
                    log.warn("Cannot add ClusterIP {}/32 to lo: {}", ip, e.getMessage());
                }
            }
        }
        return local;
    }

    /**
     * Whether {@code ip} is on the interface after all: agents sharing a machine race to add the same ClusterIP, and
     * the loser's add fails ("Address already assigned" from current iproute2).
     */
    private boolean addedMeanwhile(String ip) {
        try {
            return addresses.list().contains(ip);
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether adding addresses was refused for lack of privilege. */
    public boolean notPermitted() {
        return notPermitted;
    }

    /** The addresses this instance added and still owns. */
    public Set<String> owned() {
        return Set.copyOf(owned);
    }

    /** Removes every address this instance added. */
    @Override
    public void close() {
        reconcile(Set.of());
    }
}
