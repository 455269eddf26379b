package io.kubeboot.node.proxy.userspace;

import io.kubeboot.node.proxy.Endpoint;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Chooses the endpoint of one service port for each new connection, as upstream's userspace
 * {@code LoadBalancerRR}: round-robin over the endpoints; with ClientIP session affinity, a client IP keeps the
 * endpoint it got as long as it comes back within the affinity timeout (each use restarts the timeout). When the
 * endpoint set changes the rotation starts again from the first endpoint and affinities to endpoints that are
 * gone are dropped; a change of the timeout (or turning affinity off) drops all affinities.
 *
 * <p>Thread safety: all methods are synchronized; connections on any event loop call {@link #next}.
 */
public final class RoundRobinBalancer {
    private final LongSupplier nanoClock;
    private List<Endpoint> endpoints = List.of();
    private int index;
    private int stickyMaxAgeSeconds;
    private final Map<String, Affinity> affinityByClientIp = new HashMap<>();

    private static final class Affinity {
        final Endpoint endpoint;
        long lastUsedNanos;

        Affinity(Endpoint endpoint, long lastUsedNanos) {
            this.endpoint = endpoint;
            this.lastUsedNanos = lastUsedNanos;
        }
    }

    /** @param nanoClock monotonic time in nanoseconds ({@code System::nanoTime}; a fake in tests) */
    public RoundRobinBalancer(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** Sets the endpoints (in rotation order) and the affinity timeout (0: none). */
    public synchronized void update(List<Endpoint> newEndpoints, int stickyMaxAgeSeconds) {
        if (stickyMaxAgeSeconds != this.stickyMaxAgeSeconds) {
            affinityByClientIp.clear();
            this.stickyMaxAgeSeconds = stickyMaxAgeSeconds;
        }
        if (!newEndpoints.equals(endpoints)) {
            endpoints = List.copyOf(newEndpoints);
            index = 0;
            affinityByClientIp.values().removeIf(a -> !endpoints.contains(a.endpoint));
        }
        purgeExpired();
    }

    /**
     * The endpoint for a new connection from {@code clientIp}, or empty when there is none.
     *
     * @param resetAffinity true when the previous choice for this client failed to connect: choose afresh
     */
    public synchronized Optional<Endpoint> next(String clientIp, boolean resetAffinity) {
        if (endpoints.isEmpty()) {
            return Optional.empty();
        }
        long now = nanoClock.getAsLong();
        if (stickyMaxAgeSeconds > 0 && !resetAffinity) {
            Affinity a = affinityByClientIp.get(clientIp);
            if (a != null && !expired(a, now)) {
                a.lastUsedNanos = now;
                return Optional.of(a.endpoint);
            }
        }
        Endpoint chosen = endpoints.get(index);
        index = (index + 1) % endpoints.size();
        if (stickyMaxAgeSeconds > 0) {
            affinityByClientIp.put(clientIp, new Affinity(chosen, now));
        }
        return Optional.of(chosen);
    }

    public synchronized List<Endpoint> endpoints() {
        return endpoints;
    }

    /** How many clients currently have an affinity (expired ones excluded). */
    public synchronized int affinityCount() {
        purgeExpired();
        return affinityByClientIp.size();
    }

    private void purgeExpired() {
        long now = nanoClock.getAsLong();
        affinityByClientIp.values().removeIf(a -> expired(a, now));
    }

    private boolean expired(Affinity a, long now) {
        return now - a.lastUsedNanos >= TimeUnit.SECONDS.toNanos(stickyMaxAgeSeconds);
    }
}
