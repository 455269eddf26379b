package io.kubeboot.runtime.leader;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfig;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Leader election on a {@code coordination.k8s.io/v1} Lease, as client-go's {@code leaderelection} package is used
 * by kube-scheduler and kube-controller-manager; runs fabric8's {@link LeaderElector}.
 *
 * <p>Candidates try to acquire the lease every {@code retryPeriod} (jittered); the leader renews it and gives up
 * when it could not renew for {@code renewDeadline}; others take over once the lease has not been renewed for
 * {@code leaseDuration}. With {@code releaseOnCancel} (default) {@link #stop()} releases the lease so a standby
 * takes over within one retry period.
 *
 * <p>Callbacks run in order on a thread of their own and must not assume they run on the caller's thread.
 * {@code onStartedLeading} is where a component starts its work; {@code onStoppedLeading} is called on loss or
 * stop. As with client-go's {@code Run}, the election ends when leadership is lost: components then exit (or build
 * a new {@code LeaderElection}). A {@code LeaderElection} is started once.
 *
 * <p>Metric: {@code leader_election_master_status{name=<lease name>}} is 1 while leading, else 0.
 */
public final class LeaderElection implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LeaderElection.class);
    /** fabric8's (and client-go's) jitter factor on the retry period. */
    static final double JITTER_FACTOR = 1.2;

    private final KubernetesClient client;
    private final LeaderElectionConfig config;
    private final String namespace;
    private final String name;
    private final String identity;
    private final LeaderCallbacksDispatcher callbacks;
    private CompletableFuture<?> running;
    private boolean started;

    private LeaderElection(Builder b) {
        this.client = b.client;
        this.namespace = b.namespace;
        this.name = b.name;
        this.identity = b.identity != null ? b.identity : defaultIdentity();
        this.callbacks = new LeaderCallbacksDispatcher(name, b.onStartedLeading, b.onStoppedLeading, b.onNewLeader);
        this.config = new LeaderElectionConfig(new LeaseLock(namespace, name, identity), b.leaseDuration, b.renewDeadline,
                b.retryPeriod, new LeaderCallbacks(callbacks::startedLeading, callbacks::stoppedLeading, callbacks::newLeader),
                b.releaseOnCancel, name);
        if (b.registry != null) {
            Gauge.builder("leader_election_master_status", callbacks, c -> c.isLeader() ? 1 : 0).tag("name", name)
                    .description("Gauge of if the reporting system is master of the relevant lease, 0 indicates backup, 1 indicates master.")
                    .register(b.registry);
        }
    }

    /** @param client the client the Lease is read and written with */
    public static Builder builder(KubernetesClient client) {
        return new Builder(client);
    }

    /** As kube-scheduler: {@code <hostname>_<random uuid>}. */
    static String defaultIdentity() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = System.getenv().getOrDefault("HOSTNAME", "localhost");
        }
        return host + "_" + UUID.randomUUID();
    }

    /** Starts competing for the lease in the background; returns at once. */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("leader election for lease " + namespace + "/" + name + " was already started");
        }
        started = true;
        log.info("Attempting to acquire leader lease {}/{} as {}", namespace, name, identity);
        LeaderElector elector = client.leaderElector().withConfig(config).build();
        running = elector.start();
        running.whenComplete((v, t) -> {
            if (t != null && !(t instanceof java.util.concurrent.CancellationException)) {
                log.error("Leader election for lease {}/{} ended with an error", namespace, name, t);
            }
        });
    }

    /**
     * Leaves the election: stops renewing and, with {@code releaseOnCancel}, releases the lease if held;
     * {@code onStoppedLeading} has run when this returns.
     */
    public void stop() {
        CompletableFuture<?> r;
        synchronized (this) {
            r = running;
        }
        if (r != null) {
            r.cancel(true);
        }
        try {
            callbacks.shutDown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Whether this candidate holds the lease (as last observed). */
    public boolean isLeader() {
        return callbacks.isLeader();
    }

    /** Whether the election is still going on: started, not stopped, leadership not lost. */
    public synchronized boolean isRunning() {
        return running != null && !running.isDone();
    }

    public String identity() {
        return identity;
    }

    /** Configuration of a {@link LeaderElection}; {@code lease(namespace, name)} is required. */
    public static final class Builder {
        private final KubernetesClient client;
        private String namespace;
        private String name;
        private String identity;
        private Duration leaseDuration = Duration.ofSeconds(15);
        private Duration renewDeadline = Duration.ofSeconds(10);
        private Duration retryPeriod = Duration.ofSeconds(2);
        private boolean releaseOnCancel = true;
        private Runnable onStartedLeading = () -> { };
        private Runnable onStoppedLeading = () -> { };
        private Consumer<String> onNewLeader = id -> { };
        private MeterRegistry registry;

        private Builder(KubernetesClient client) {
            this.client = Objects.requireNonNull(client, "client");
        }

        /** The Lease, e.g. ("kube-system", "kube-scheduler"). */
        public Builder lease(String namespace, String name) {
            this.namespace = namespace;
            this.name = name;
            return this;
        }

        /** Default {@code <hostname>_<uuid>}; must be unique among the candidates. */
        public Builder identity(String identity) {
            this.identity = identity;
            return this;
        }

        /** How long a lease is valid without renewal; default 15s. */
        public Builder leaseDuration(Duration d) {
            this.leaseDuration = d;
            return this;
        }

        /** How long the leader keeps trying to renew before giving up; default 10s. */
        public Builder renewDeadline(Duration d) {
            this.renewDeadline = d;
            return this;
        }

        /** How often candidates try to acquire and the leader renews; default 2s. */
        public Builder retryPeriod(Duration d) {
            this.retryPeriod = d;
            return this;
        }

        /** Release the lease on {@link LeaderElection#stop()}; default true. */
        public Builder releaseOnCancel(boolean release) {
            this.releaseOnCancel = release;
            return this;
        }

        public Builder onStartedLeading(Runnable callback) {
            this.onStartedLeading = Objects.requireNonNull(callback);
            return this;
        }

        public Builder onStoppedLeading(Runnable callback) {
            this.onStoppedLeading = Objects.requireNonNull(callback);
            return this;
        }

        /** Called with the identity of each newly observed leader (this candidate included). */
        public Builder onNewLeader(Consumer<String> callback) {
            this.onNewLeader = Objects.requireNonNull(callback);
            return this;
        }

        /** Where the leader_election_master_status gauge goes; none when {@code null} (default). */
        public Builder meterRegistry(MeterRegistry registry) {
            this.registry = registry;
            return this;
        }

        /**
         * @throws IllegalArgumentException with client-go's NewLeaderElector messages when the timings are
         *                                  inconsistent, or when the lease or identity is missing
         */
        public LeaderElection build() {
            if (name == null || name.isEmpty() || namespace == null || namespace.isEmpty()) {
                throw new IllegalArgumentException("Lock must not be nil.");
            }
            if (identity != null && identity.isEmpty()) {
                throw new IllegalArgumentException("Lock identity is empty");
            }
            if (leaseDuration.compareTo(renewDeadline) <= 0) {
                throw new IllegalArgumentException("leaseDuration must be greater than renewDeadline");
            }
            if (renewDeadline.toNanos() <= (long) (JITTER_FACTOR * retryPeriod.toNanos())) {
                throw new IllegalArgumentException("renewDeadline must be greater than retryPeriod*JitterFactor");
            }
            if (leaseDuration.isNegative() || leaseDuration.isZero()) {
                throw new IllegalArgumentException("leaseDuration must be greater than zero");
            }
            if (renewDeadline.isNegative() || renewDeadline.isZero()) {
                throw new IllegalArgumentException("renewDeadline must be greater than zero");
            }
            if (retryPeriod.isNegative() || retryPeriod.isZero()) {
                throw new IllegalArgumentException("retryPeriod must be greater than zero");
            }
            return new LeaderElection(this);
        }
    }
}
