package io.kubeboot.controller.nodeipam;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Upstream {@code rangeAllocator}'s bookkeeping: one {@link CidrSet} per cluster CIDR (one, or two for dual
 * stack), blocks of the service CIDRs taken out, and the podCIDRs of nodes occupied, allocated and released. The
 * API side is {@link NodeIpamController}'s. Thread safe.
 */
final class RangeAllocator {
    private static final Logger log = LoggerFactory.getLogger(RangeAllocator.class);

    private final List<CidrSet> sets;

    /**
     * @param clusterCidrs  the cluster CIDRs (at most two, of different families)
     * @param nodeMaskSizes the node mask size for each
     * @param serviceCidrs  service CIDRs whose blocks are never handed out (may be empty)
     */
    RangeAllocator(List<Cidr> clusterCidrs, List<Integer> nodeMaskSizes, List<Cidr> serviceCidrs) {
        if (clusterCidrs.isEmpty()) {
            throw new IllegalArgumentException("no cluster CIDR given");
        }
        if (clusterCidrs.size() > 2) {
            throw new IllegalArgumentException("len of clusters cidrs is:" + clusterCidrs.size() + " > more than max allowed of 2");
        }
        if (clusterCidrs.size() == 2 && clusterCidrs.get(0).v6() == clusterCidrs.get(1).v6()) {
            throw new IllegalArgumentException("cluster CIDRs must be one IPv4 and one IPv6 CIDR for dual-stack");
        }
        List<CidrSet> s = new ArrayList<>();
        for (int i = 0; i < clusterCidrs.size(); i++) {
            s.add(new CidrSet(clusterCidrs.get(i), nodeMaskSizes.get(i)));
        }
        this.sets = List.copyOf(s);
        for (Cidr service : serviceCidrs) {
            filterOutServiceRange(service);
        }
    }

    /** Upstream {@code filterOutServiceRange}: blocks overlapping a service CIDR are marked used. */
    private void filterOutServiceRange(Cidr service) {
        for (CidrSet set : sets) {
            Cidr cluster = set.cluster();
            boolean overlap = cluster.contains(service.network().and(Cidr.mask(cluster.prefix(), cluster.bits())), service.v6())
                    || service.contains(cluster.network().and(Cidr.mask(service.prefix(), service.bits())), cluster.v6());
            if (!overlap) {
                continue;
            }
            try {
                set.occupy(service);
            } catch (IllegalArgumentException e) {
                log.error("Error filtering out service cidr {} from cluster cidr {}: {}", service, cluster, e.getMessage());
            }
        }
    }

    List<CidrSet> sets() {
        return sets;
    }

    /**
     * Upstream {@code occupyCIDRs}: marks a node's podCIDRs used.
     *
     * @throws IllegalArgumentException with upstream's message for a malformed CIDR, one beyond the configured
     *                                  cluster CIDRs, or one out of its cluster CIDR's range
     */
    void occupy(String nodeName, List<String> podCidrs) {
        for (int i = 0; i < podCidrs.size(); i++) {
            Cidr cidr;
            try {
                cidr = Cidr.parse(podCidrs.get(i));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("failed to parse node " + nodeName + ", CIDR " + podCidrs.get(i));
            }
            if (i >= sets.size()) {
                throw new IllegalArgumentException("node:" + nodeName + " has an allocated cidr: " + podCidrs.get(i) + " at index:" + i
                        + " that does not exist in cluster cidrs configuration");
            }
            try {
                sets.get(i).occupy(cidr);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("failed to mark cidr[" + cidr + "] at idx [" + i + "] as occupied for node: "
                        + nodeName + ": " + e.getMessage());
            }
        }
    }

    /**
     * The next free block of each cluster CIDR, marked used; nothing stays allocated when one of them is exhausted.
     *
     * @throws CidrSet.NoCidrsRemainingException when a cluster CIDR has no free block
     */
    List<Cidr> allocate() throws CidrSet.NoCidrsRemainingException {
        List<Cidr> out = new ArrayList<>();
        for (CidrSet set : sets) {
            try {
                out.add(set.allocateNext());
            } catch (CidrSet.NoCidrsRemainingException e) {
                release(out);
                throw e;
            }
        }
        return out;
    }

    /** Marks the blocks free again (index i from cluster CIDR i). */
    void release(List<Cidr> cidrs) {
        for (int i = 0; i < cidrs.size() && i < sets.size(); i++) {
            try {
                sets.get(i).release(cidrs.get(i));
            } catch (IllegalArgumentException e) {
                log.error("Error when releasing CIDR {}: {}", cidrs.get(i), e.getMessage());
            }
        }
    }

    /**
     * Upstream {@code ReleaseCIDR}: frees a node's podCIDRs.
     *
     * @throws IllegalArgumentException for a malformed CIDR or one beyond the configured cluster CIDRs
     */
    void release(String nodeName, List<String> podCidrs) {
        for (int i = 0; i < podCidrs.size(); i++) {
            Cidr cidr;
            try {
                cidr = Cidr.parse(podCidrs.get(i));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("failed to parse CIDR " + podCidrs.get(i) + " on Node " + nodeName + ": " + e.getMessage());
            }
            if (i >= sets.size()) {
                throw new IllegalArgumentException("node:" + nodeName + " has an allocated cidr: " + podCidrs.get(i) + " at index:" + i
                        + " that does not exist in cluster cidrs configuration");
            }
            try {
                sets.get(i).release(cidr);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("error when releasing CIDR " + podCidrs.get(i) + ": " + e.getMessage());
            }
        }
    }
}
