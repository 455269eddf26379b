package io.kubeboot.controller.cloud.local;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The IPv4 addresses load balancers are given, as k3s's ServiceLB pool: ranges {@code a-b}, CIDRs {@code a/n} or
 * single addresses, separated by commas. Only loopback addresses (127.0.0.0/8) are accepted, so a load balancer
 * can never listen on an address reachable from outside the host.
 *
 * <p>Contract: each owner (a load balancer name) holds at most one address; an owner asking again gets the address it
 * holds; without a preference the lowest free address is given; released addresses are free again. Thread safe.
 */
public final class AddressPool {
    private record Range(long first, long last) {
        boolean contains(long a) {
            return a >= first && a <= last;
        }
    }

    private final List<Range> ranges;
    private final Map<String, Long> byOwner = new HashMap<>();
    private final Set<Long> used = new HashSet<>();

    private AddressPool(List<Range> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /**
     * Parses a pool.
     *
     * @throws IllegalArgumentException for syntax errors, empty or reversed ranges and non-loopback addresses
     */
    public static AddressPool parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("address pool is empty");
        }
        List<Range> ranges = new ArrayList<>();
        for (String raw : spec.split(",")) {
            String part = raw.trim();
            if (part.isEmpty()) {
                continue;
            }
            Range r;
            int dash = part.indexOf('-');
            int slash = part.indexOf('/');
            if (dash >= 0) {
                r = new Range(parseIp(part.substring(0, dash).trim()), parseIp(part.substring(dash + 1).trim()));
            } else if (slash >= 0) {
                long net = parseIp(part.substring(0, slash));
                int prefix = parsePrefix(part.substring(slash + 1));
                long size = 1L << (32 - prefix);
                long first = net & ~(size - 1) & 0xffffffffL;
                r = new Range(first, first + size - 1);
            } else {
                long a = parseIp(part);
                r = new Range(a, a);
            }
            if (r.first() > r.last()) {
                throw new IllegalArgumentException("address pool range " + part + " is empty: its start is after its end");
            }
            if (!isLoopback(r.first()) || !isLoopback(r.last())) {
                throw new IllegalArgumentException("address pool entry " + part
                        + " is not within 127.0.0.0/8: the local provider binds loopback addresses only");
            }
            ranges.add(r);
        }
        if (ranges.isEmpty()) {
            throw new IllegalArgumentException("address pool is empty");
        }
        return new AddressPool(ranges);
    }

    private static boolean isLoopback(long a) {
        return (a >>> 24) == 127;
    }

    private static int parsePrefix(String s) {
        try {
            int p = Integer.parseInt(s.trim());
            if (p < 0 || p > 32) {
                throw new IllegalArgumentException("invalid prefix length in address pool: " + s);
            }
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid prefix length in address pool: " + s, e);
        }
    }

    /** A dotted quad as an unsigned number; never resolves names. */
    static long parseIp(String s) {
        String[] octets = s.split("\\.", -1);
        if (octets.length != 4) {
            throw new IllegalArgumentException("invalid IPv4 address in address pool: " + s);
        }
        long v = 0;
        for (String o : octets) {
            if (o.isEmpty() || o.length() > 3 || !o.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("invalid IPv4 address in address pool: " + s);
            }
            int n = Integer.parseInt(o);
            if (n > 255) {
                throw new IllegalArgumentException("invalid IPv4 address in address pool: " + s);
            }
            v = (v << 8) | n;
        }
        return v;
    }

    static String format(long a) {
        return ((a >>> 24) & 255) + "." + ((a >>> 16) & 255) + "." + ((a >>> 8) & 255) + "." + (a & 255);
    }

    /** Whether {@code ip} is a dotted quad inside the pool. */
    public boolean contains(String ip) {
        try {
            long a = parseIp(ip);
            return ranges.stream().anyMatch(r -> r.contains(a));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The address of {@code owner}: the one it holds, else {@code preferred} when given (it must be in the pool and
     * free), else the lowest free address not in {@code avoid}.
     *
     * @throws IllegalArgumentException when {@code preferred} is outside the pool or held by another owner
     * @throws IllegalStateException    when no address is free
     */
    public synchronized String allocate(String owner, String preferred, Collection<String> avoid) {
        Long held = byOwner.get(owner);
        if (held != null) {
            return format(held);
        }
        if (preferred != null && !preferred.isEmpty()) {
            if (!contains(preferred)) {
                throw new IllegalArgumentException("requested address " + preferred + " is not in the address pool");
            }
            long a = parseIp(preferred);
            if (used.contains(a)) {
                throw new IllegalArgumentException("requested address " + preferred + " is already allocated");
            }
            take(owner, a);
            return preferred;
        }
        Set<Long> skip = new HashSet<>();
        for (String s : avoid) {
            skip.add(parseIp(s));
        }
        for (Range r : ranges) {
            for (long a = r.first(); a <= r.last(); a++) {
                if (!used.contains(a) && !skip.contains(a)) {
                    take(owner, a);
                    return format(a);
                }
            }
        }
        throw new IllegalStateException("no address left in the address pool");
    }

    private void take(String owner, long a) {
        used.add(a);
        byOwner.put(owner, a);
    }

    /** Frees the address of {@code owner}, if any. */
    public synchronized void release(String owner) {
        Long a = byOwner.remove(owner);
        if (a != null) {
            used.remove(a);
        }
    }

    public synchronized Optional<String> addressOf(String owner) {
        return Optional.ofNullable(byOwner.get(owner)).map(AddressPool::format);
    }

    public synchronized int allocatedCount() {
        return used.size();
    }
}
