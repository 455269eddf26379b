package io.kubeboot.node.network;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Pod IPs of one node: which pod uid holds which address. Stable per uid (asking again returns the same address while
 * it is inside the current range), never hands out an address twice, and never the range's network or broadcast
 * address or a reserved one (the engine network's gateway). Free addresses are taken next-fit, after the last one
 * handed out and wrapping around, as the CNI host-local plugin does, so a just-released IP is not reused at once.
 *
 * <p>Thread safety: all methods are synchronized.
 */
public final class PodIpAllocator {
    private final Map<String, Long> byUid = new HashMap<>();
    private final Map<Long, String> byAddress = new HashMap<>();
    private long last = -1;

    /**
     * The pod's address in {@code range}: the one it holds if that is inside the range, else a free one.
     *
     * @throws IllegalStateException when no address is free
     */
    public synchronized String allocate(String podUid, Ipv4Cidr range, Set<String> reserved) {
        Long held = byUid.get(podUid);
        if (held != null) {
            if (range.contains(held)) {
                return Ipv4Cidr.format(held);
            }
            forget(podUid);
        }
        long first = range.prefixLength() >= 31 ? range.network() : range.network() + 1;
        long lastUsable = range.prefixLength() >= 31 ? range.broadcast() : range.broadcast() - 1;
        long count = lastUsable - first + 1;
        long start = last >= first && last <= lastUsable ? last + 1 : first;
        for (long i = 0; i < count; i++) {
            long candidate = first + ((start - first + i) % count);
            if (!byAddress.containsKey(candidate) && !reserved.contains(Ipv4Cidr.format(candidate))) {
                byUid.put(podUid, candidate);
                byAddress.put(candidate, podUid);
                last = candidate;
                return Ipv4Cidr.format(candidate);
            }
        }
        throw new IllegalStateException("no IP addresses available in range set: " + Ipv4Cidr.format(first) + "-"
                + Ipv4Cidr.format(lastUsable));
    }

    /** Frees the pod's address; idempotent. */
    public synchronized void release(String podUid) {
        forget(podUid);
    }

    /**
     * Records addresses already in use (sandboxes found on the engine after a restart). An address claimed by
     * another uid is left with its first holder; entries with an unparsable address are ignored.
     */
    public synchronized void restore(Map<String, String> ipsByPodUid) {
        ipsByPodUid.forEach((uid, ip) -> {
            if (uid == null || ip == null) {
                return;
            }
            long address;
            try {
                address = Ipv4Cidr.parseAddress(ip);
            } catch (IllegalArgumentException e) {
                return;
            }
            String holder = byAddress.get(address);
            if (holder != null && !holder.equals(uid)) {
                return;
            }
            forget(uid);
            byUid.put(uid, address);
            byAddress.put(address, uid);
        });
    }

    /** The address the pod holds, or null. */
    public synchronized String addressOf(String podUid) {
        Long held = byUid.get(podUid);
        return held == null ? null : Ipv4Cidr.format(held);
    }

    private void forget(String podUid) {
        Long held = byUid.remove(podUid);
        if (held != null) {
            byAddress.remove(held);
        }
    }
}
