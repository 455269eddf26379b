package io.kubeboot.controller.nodeipam;

import java.math.BigInteger;
import java.util.BitSet;

/**
 * Upstream {@code cidrset.CidrSet}: the node-sized blocks ({@code /nodeMaskSize}) of a cluster CIDR, each free or
 * used. {@link #allocateNext()} hands out the next free block after the last one handed out (wrapping around), so
 * a released block is not reused at once. Thread safe.
 */
final class CidrSet {
    /** Upstream {@code clusterSubnetMaxDiff}: the bitmap holds at most 2^16 blocks. */
    static final int CLUSTER_SUBNET_MAX_DIFF = 16;
    /** Upstream {@code ErrCIDRRangeNoCIDRsRemaining}. */
    static final String NO_CIDRS_REMAINING = "CIDR allocation failed; there are no remaining CIDRs left to allocate in the accepted range";
    static final String SUBNET_TOO_BIG = "New CIDR set failed; the node CIDR size is too big";

    /** No free block is left. */
    static final class NoCidrsRemainingException extends Exception {
        NoCidrsRemainingException() {
            super(NO_CIDRS_REMAINING);
        }
    }

    private final Cidr cluster;
    private final int nodeMaskSize;
    private final int maxCidrs;
    private final BitSet used = new BitSet();
    private int allocated;
    private int nextCandidate;

    /**
     * @throws IllegalArgumentException when the node mask is shorter than the cluster's, or longer by more than 16
     *                                  bits for IPv6 (upstream's bitmap limit) or 30 bits for IPv4 (Java's int index)
     */
    CidrSet(Cidr cluster, int nodeMaskSize) {
        if (nodeMaskSize < cluster.prefix() || nodeMaskSize > cluster.bits()) {
            throw new IllegalArgumentException("node CIDR mask size " + nodeMaskSize
                    + " does not fit cluster CIDR " + cluster);
        }
        if (nodeMaskSize - cluster.prefix() > (cluster.v6() ? CLUSTER_SUBNET_MAX_DIFF : 30)) {
            throw new IllegalArgumentException(SUBNET_TOO_BIG);
        }
        this.cluster = cluster;
        this.nodeMaskSize = nodeMaskSize;
        this.maxCidrs = 1 << (nodeMaskSize - cluster.prefix());
    }

    Cidr cluster() {
        return cluster;
    }

    int maxCidrs() {
        return maxCidrs;
    }

    synchronized int allocatedCount() {
        return allocated;
    }

    /** Upstream {@code indexToCIDRBlock}: the {@code index}th block. */
    Cidr indexToCidr(int index) {
        BigInteger addr = cluster.network().or(BigInteger.valueOf(index).shiftLeft(cluster.bits() - nodeMaskSize));
        return new Cidr(addr, nodeMaskSize, cluster.v6());
    }

    /** Upstream {@code AllocateNext}: marks the next free block used and returns it. */
    synchronized Cidr allocateNext() throws NoCidrsRemainingException {
        if (allocated == maxCidrs) {
            throw new NoCidrsRemainingException();
        }
        int candidate = nextCandidate;
        for (int i = 0; i < maxCidrs; i++) {
            if (!used.get(candidate)) {
                break;
            }
            candidate = (candidate + 1) % maxCidrs;
        }
        nextCandidate = (candidate + 1) % maxCidrs;
        used.set(candidate);
        allocated++;
        return indexToCidr(candidate);
    }

    /** Upstream {@code Occupy}: marks every block overlapping {@code cidr} used (already used ones stay so). */
    synchronized void occupy(Cidr cidr) {
        int[] range = indices(cidr);
        for (int i = range[0]; i <= range[1]; i++) {
            if (!used.get(i)) {
                used.set(i);
                allocated++;
            }
        }
    }

    /** Upstream {@code Release}: marks every block overlapping {@code cidr} free. */
    synchronized void release(Cidr cidr) {
        int[] range = indices(cidr);
        for (int i = range[0]; i <= range[1]; i++) {
            if (used.get(i)) {
                used.clear(i);
                allocated--;
            }
        }
    }

    synchronized boolean isUsed(Cidr block) {
        int[] range = indices(block);
        for (int i = range[0]; i <= range[1]; i++) {
            if (!used.get(i)) {
                return false;
            }
        }
        return true;
    }

    /** Upstream {@code getBeginningAndEndIndices}: the first and last block overlapping {@code cidr}. */
    int[] indices(Cidr cidr) {
        if (cidr == null) {
            throw new IllegalArgumentException("error getting indices for cluster cidr " + cluster + ", cidr is nil");
        }
        boolean overlap = cluster.contains(cidr.network().and(Cidr.mask(cluster.prefix(), cluster.bits())), cidr.v6())
                || cidr.contains(cluster.network().and(Cidr.mask(cidr.prefix(), cidr.bits())), cluster.v6());
        if (!overlap) {
            throw new IllegalArgumentException("cidr " + cidr + " is out the range of cluster cidr " + cluster);
        }
        if (cluster.prefix() >= cidr.prefix()) {
            return new int[] {0, maxCidrs - 1};
        }
        int begin = indexOf(cidr.network());
        int end = indexOf(cidr.last());
        return new int[] {begin, end};
    }

    private int indexOf(BigInteger address) {
        BigInteger index = cluster.network().xor(address).shiftRight(cluster.bits() - nodeMaskSize);
        if (index.compareTo(BigInteger.valueOf(maxCidrs)) >= 0) {
            throw new IllegalArgumentException("CIDR: " + Cidr.formatAddress(address.and(Cidr.mask(nodeMaskSize, cluster.bits())), cluster.v6())
                    + "/" + nodeMaskSize + " is out of the range of CIDR allocator");
        }
        return index.intValue();
    }
}
