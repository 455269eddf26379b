package io.kubeboot.node.nodelease;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubeboot.api.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * The node's heartbeat Lease {@code kube-node-lease/<node>} (upstream component-helpers lease controller with the
 * kubelet's {@code setNodeOwnerFunc}): holderIdentity the node name, leaseDurationSeconds as configured (40),
 * renewTime refreshed every quarter of the duration (10 s), owned by the Node (so the garbage collector removes it
 * with the Node; the owner is added once the Node exists). Renewals update the last written Lease with optimistic
 * concurrency and fall back to read-or-create on failure; a failed read-or-create is retried with backoff from
 * 100 ms to 7 s, as upstream's {@code backoffEnsureLease}, but by rescheduling instead of sleeping.
 *
 * <p>Scale: one instance per node over a shared client and a shared {@link ScheduledExecutorService}; the first
 * sync runs at once, later ones at a random offset within the first interval and then with 4% jitter, so a
 * thousand nodes do not renew together. Thread safe: syncs of one node never overlap.
 */
public final class NodeLeaseController implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NodeLeaseController.class);
    public static final String NAMESPACE = "kube-node-lease";
    /** The kubelet's nodeLeaseRenewIntervalFraction. */
    static final double RENEW_INTERVAL_FRACTION = 0.25;
    static final int MAX_UPDATE_RETRIES = 5;
    static final Duration BACKOFF_START = Duration.ofMillis(100);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(7);
    static final double JITTER = 0.04;

    private final KubernetesClient client;
    private final String nodeName;
    private final int leaseDurationSeconds;
    private final Duration renewInterval;
    private final ScheduledExecutorService executor;
    private final Clock clock;
    private final DoubleSupplier random;

    private Lease latest;
    private Duration backoff = BACKOFF_START;
    private boolean periodicStarted;
    private volatile boolean stopped;
    private ScheduledFuture<?> next;

    public NodeLeaseController(KubernetesClient client, String nodeName, int leaseDurationSeconds,
                               ScheduledExecutorService executor) {
        this(client, nodeName, leaseDurationSeconds, executor, Clock.systemUTC(), () -> ThreadLocalRandom.current().nextDouble());
    }

    NodeLeaseController(KubernetesClient client, String nodeName, int leaseDurationSeconds, ScheduledExecutorService executor,
                        Clock clock, DoubleSupplier random) {
        this.client = client;
        this.nodeName = nodeName;
        this.leaseDurationSeconds = leaseDurationSeconds;
        this.renewInterval = Duration.ofMillis((long) (leaseDurationSeconds * 1000L * RENEW_INTERVAL_FRACTION));
        this.executor = executor;
        this.clock = clock;
        this.random = random;
    }

    public Duration renewInterval() {
        return renewInterval;
    }

    public synchronized void start() {
        stopped = false;
        next = executor.schedule(this::run, 0, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        stopped = true;
        if (next != null) {
            next.cancel(false);
        }
    }

    private void run() {
        Duration delay;
        try {
            delay = sync();
        } catch (RuntimeException e) {
            log.warn("node {}: lease sync failed", nodeName, e);
            delay = renewInterval;
        }
        synchronized (this) {
            if (!stopped) {
                next = executor.schedule(this::run, delay.toNanos(), TimeUnit.NANOSECONDS);
            }
        }
    }

    /** One sync, as upstream's {@code controller.sync}; returns how long until the next. */
    Duration sync() {
        if (latest != null && retryUpdateLease(latest)) {
            return nextInterval();
        }
        Ensured ensured;
        try {
            ensured = ensureLease();
        } catch (KubernetesClientException e) {
            Duration wait = backoff;
            backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
            log.warn("node {}: failed to ensure lease exists, will retry in {}: {}", nodeName, wait, e.getMessage());
            return wait;
        }
        backoff = BACKOFF_START;
        latest = ensured.lease();
        if (!ensured.created() && ensured.lease() != null && !retryUpdateLease(ensured.lease())) {
            log.warn("node {}: will retry updating lease in {}", nodeName, renewInterval);
        }
        return nextInterval();
    }

    private Duration nextInterval() {
        double factor = periodicStarted ? 1 + JITTER * random.getAsDouble() : random.getAsDouble();
        periodicStarted = true;
        return Duration.ofNanos((long) (renewInterval.toNanos() * factor));
    }

    record Ensured(Lease lease, boolean created) {
    }

    /** Reads the lease, creating it when missing (not while the Node, its owner, cannot be read yet). */
    private Ensured ensureLease() {
        Lease lease = client.leases().inNamespace(NAMESPACE).withName(nodeName).get();
        if (lease != null) {
            return new Ensured(lease, false);
        }
        Optional<Lease> toCreate = newLease(null);
        if (toCreate.isEmpty()) {
            // as upstream: without its owner the lease is not created this time; the next interval retries
            return new Ensured(null, false);
        }
        return new Ensured(client.leases().inNamespace(NAMESPACE).resource(toCreate.get()).create(), true);
    }

    /** Updates with optimistic concurrency up to 5 times; a conflict re-reads the lease first. */
    private boolean retryUpdateLease(Lease base) {
        Lease current = base;
        for (int i = 0; i < MAX_UPDATE_RETRIES; i++) {
            Lease toUpdate = newLease(current).orElseGet(() -> null);
            if (toUpdate == null) {
                toUpdate = renewed(current);
            }
            try {
                latest = client.leases().inNamespace(NAMESPACE).resource(toUpdate).update();
                return true;
            } catch (KubernetesClientException e) {
                log.warn("node {}: failed to update lease: {}", nodeName, e.getMessage());
                if (e.getCode() == 409) {
                    try {
                        Ensured ensured = ensureLease();
                        if (ensured.lease() == null) {
                            return false;
                        }
                        current = ensured.lease();
                    } catch (KubernetesClientException again) {
                        return false;
                    }
                } else if (e.getCode() == 404) {
                    latest = null;
                    return false;
                }
            }
        }
        return false;
    }

    /**
     * Upstream's {@code newLease} plus {@code setNodeOwnerFunc}: a fresh lease (base null) or a copy of base, with
     * renewTime now and the Node as owner when it has none yet. Empty when the owner is needed but the Node
     * cannot be read (only then does creation wait).
     */
    Optional<Lease> newLease(Lease base) {
        Lease lease = base == null
                ? new LeaseBuilder().withNewMetadata().withName(nodeName).withNamespace(NAMESPACE).endMetadata()
                .withNewSpec().withHolderIdentity(nodeName).withLeaseDurationSeconds(leaseDurationSeconds).endSpec()
                .build()
                : renewed(base);
        lease.getSpec().setRenewTime(now());
        List<OwnerReference> owners = lease.getMetadata().getOwnerReferences();
        if (owners == null || owners.isEmpty()) {
            Node node;
            try {
                node = client.nodes().withName(nodeName).get();
            } catch (KubernetesClientException e) {
                node = null;
            }
            if (node == null) {
                log.debug("node {}: cannot set the node as the lease's owner yet", nodeName);
                return Optional.empty();
            }
            lease.getMetadata().setOwnerReferences(List.of(ownerReference(node)));
        }
        return Optional.of(lease);
    }

    static OwnerReference ownerReference(Node node) {
        return new OwnerReferenceBuilder().withApiVersion("v1").withKind("Node")
                .withName(node.getMetadata().getName()).withUid(node.getMetadata().getUid()).build();
    }

    private Lease renewed(Lease base) {
        Lease copy = Json.MAPPER.convertValue(Json.MAPPER.valueToTree(base), Lease.class);
        copy.getSpec().setRenewTime(now());
        return copy;
    }

    private ZonedDateTime now() {
        return ZonedDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
